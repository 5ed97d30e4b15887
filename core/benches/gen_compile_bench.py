"""Compile-time benchmark input (issue 7): writes a crate of N structs of 10 fields (plus N/10
enums and N/20 polymorphic wrappers over 3 structs each) in one of three modes:
  graph  graph-core's Model / Enum / Polymorphic derives (lossless models)
  serde  plain #[derive(Serialize, Deserialize)] with Option fields (the naive baseline)
  none   the same structs with no (de)serialisation derives (the floor)
Struct references only point to lower "levels" so nesting stays about 10 deep, as in real metadata.

Usage: python3 core/benches/gen_compile_bench.py MODE OUT_DIR [N=3800]
       cd OUT_DIR && cargo check            # deps first
       touch src/lib.rs && /usr/bin/time -v cargo check
"""
import os, random, sys
from pathlib import Path
mode, out = sys.argv[1], sys.argv[2]
core = Path(__file__).resolve().parents[1]
N = int(sys.argv[3]) if len(sys.argv) > 3 else 3800
random.seed(7)
os.makedirs(out + '/src', exist_ok=True)
deps = {'graph': f'graph-core = {{ path = "{core}" }}',
        'serde': 'serde = { version = "1", features = ["derive"] }\nserde_json = "1"',
        'none': f'graph-core = {{ path = "{core}" }}'}[mode]
open(out + '/Cargo.toml', 'w').write(f'[package]\nname = "ct-{mode}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n{deps}\n\n[workspace]\n')
E = N // 10   # enums
P = N // 20   # polymorphic wrappers (each over 3 structs)
o = ['#![allow(dead_code)]']
if mode == 'serde':
    o.append('use serde::{Deserialize, Serialize};')
else:
    o.append('use graph_core::{edm, AdditionalData, Property};')
for e in range(E):
    if mode == 'graph':
        o.append('#[derive(Clone, Debug, PartialEq, Eq, Hash, graph_core::Enum)]')
    elif mode == 'serde':
        o.append('#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]')
    else:
        o.append('#[derive(Clone, Debug, PartialEq, Eq, Hash)]')
    o.append(f'pub enum Enum{e} {{')
    for m in range(6):
        if mode == 'graph': o.append(f'    #[graph(name = "member{m}")]')
        if mode == 'serde': o.append(f'    #[serde(rename = "member{m}")]')
        o.append(f'    Member{m},')
    if mode == 'serde': o.append('    #[serde(other)]\n    Unknown,')
    else:
        if mode == 'graph': o.append('    #[graph(unknown)]')
        o.append('    Unknown(String),')
    o.append('}')
for p in range(P):
    base = p * 20 + 1
    if mode == 'graph':
        o.append('#[derive(Clone, Debug, PartialEq, graph_core::Polymorphic)]')
        o.append(f'pub enum AnyType{base} {{')
        for d in (base + 1, base + 2):
            o.append(f'    #[graph(odata_type = "microsoft.graph.type{d}")]\n    Type{d}(Box<Type{d}>),')
        o.append(f'    #[graph(fallback)]\n    Type{base}(Type{base}),\n}}')
    elif mode == 'none':
        o.append('#[derive(Clone, Debug, PartialEq)]')
        o.append(f'pub enum AnyType{base} {{ Type{base + 1}(Box<Type{base + 1}>), Type{base + 2}(Box<Type{base + 2}>), Type{base}(Type{base}) }}')
def ftype(i, f):
    r = random.random()
    if r < 0.35: return 'String', 'String'
    if r < 0.5: return 'bool', 'bool'
    if r < 0.58: return 'i32', 'i32'
    if r < 0.66: return 'edm::DateTimeOffset', 'String'
    if r < 0.72: return 'Vec<String>', 'Vec<String>'
    if r < 0.84:
        e = random.randrange(E); return f'Enum{e}', f'Enum{e}'
    # Struct references only go to lower levels (level = (n - 1) % 10), so inline nesting is
    # at most 10 deep, as in real metadata; level-0 types get strings instead.
    level = lambda n: (n - 1) % 10
    def pick():
        for _ in range(50):
            t = random.randrange(1, N + 1)
            if level(t) < level(i): return t
        return None
    if r < 0.94:
        t = pick()
        if t is None: return 'String', 'String'
        if mode != 'serde' and random.random() < 0.3:
            b = (t - 1) // 20 * 20 + 1
            if (b - 1) // 20 < P and level(b) + 2 < level(i): return f'AnyType{b}', f'Type{b}'
        return f'Type{t}', f'Type{t}'
    t = pick()
    if t is None: return 'String', 'String'
    return f'Vec<Type{t}>', f'Vec<Type{t}>'
for i in range(1, N + 1):
    if mode == 'graph':
        o.append('/// A generated model.\n#[derive(Clone, Debug, Default, PartialEq, graph_core::Model)]')
        o.append(f'#[graph(odata_type = "microsoft.graph.type{i}")]')
    elif mode == 'serde':
        o.append('/// A generated model.\n#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]')
    else:
        o.append('/// A generated model.\n#[derive(Clone, Debug, Default, PartialEq)]')
    o.append(f'pub struct Type{i} {{')
    for f in range(10):
        g, s = ftype(i, f)
        # Direct (non-Vec) struct fields point to higher numbers (no infinite size) unless boxed.
        if mode == 'serde':
            o.append(f'    #[serde(rename = "field{f}Name", default, skip_serializing_if = "Option::is_none")]')
            o.append(f'    pub field_{f}: Option<{s}>,')
        else:
            if mode == 'graph': o.append(f'    #[graph(name = "field{f}Name")]')
            o.append(f'    pub field_{f}: Property<{g}>,')
    if mode == 'graph': o.append('    #[graph(additional_data)]')
    if mode != 'serde': o.append('    pub additional_data: AdditionalData,')
    o.append('}')
open(out + '/src/lib.rs', 'w').write('\n'.join(o) + '\n')
