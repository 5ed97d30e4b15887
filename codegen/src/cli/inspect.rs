//! `graph-codegen inspect`: what a CSDL file holds, as counts or one resolved type.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use graph_codegen::model::{
    ExpressionKind, Model, OperationKind, PropertyKind, Target, TypeDetail, TypeId, TypeKind, Value,
};

/// Arguments of `graph-codegen inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// CSDL file (XML or JSON); more files are resolved together with it (overlays).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Print the counts as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Print one resolved type (namespace- or alias-qualified name) instead of counts.
    #[arg(long = "type", value_name = "QNAME")]
    pub type_name: Option<String>,
    /// Also print every warning (otherwise only their number).
    #[arg(long)]
    pub warnings: bool,
    /// Folder of CSDL documents for `<edmx:Reference>`, searched before the built-in OASIS
    /// vocabularies; repeatable.
    #[arg(long, value_name = "DIR")]
    pub catalog: Vec<PathBuf>,
}

/// Runs `inspect`: exit status 0, or 1 with `FILE:LINE:COLUMN: message` on stderr.
pub fn run(args: InspectArgs) -> ExitCode {
    let (model, warnings) = match super::load(&args.files, &args.catalog) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    if args.warnings {
        for warning in &warnings {
            eprintln!("warning: {warning}");
        }
    }
    if let Some(name) = &args.type_name {
        let Some(id) = model.find_type(name) else {
            let hint = nearest(&model, name);
            eprintln!("{}: no type `{name}`{hint}", args.files[0].display());
            return ExitCode::FAILURE;
        };
        print!("{}", describe_type(&model, id));
        return ExitCode::SUCCESS;
    }
    let counts = Counts::of(&model, warnings.len());
    if args.json {
        println!("{}", counts.to_json());
    } else {
        for (name, value) in counts.pairs() {
            println!("{name:>22}  {value}");
        }
    }
    ExitCode::SUCCESS
}

fn nearest(model: &Model, name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    model
        .types()
        .map(|(_, t)| t.qualified_name.as_str())
        .min_by_key(|c| strsim::levenshtein(&lower, &c.to_ascii_lowercase()))
        .map(|c| format!(" (did you mean `{c}`?)"))
        .unwrap_or_default()
}

/// What `inspect` counts; the JSON keys are the CSDL JSON names (`entityTypes`, ...).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub schemas: usize,
    pub entity_types: usize,
    pub complex_types: usize,
    pub enum_types: usize,
    pub enum_members: usize,
    pub type_definitions: usize,
    pub properties: usize,
    pub navigation_properties: usize,
    pub actions: usize,
    pub functions: usize,
    pub terms: usize,
    pub entity_containers: usize,
    pub entity_sets: usize,
    pub singletons: usize,
    pub action_imports: usize,
    pub function_imports: usize,
    pub annotations: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(model: &Model, warnings: usize) -> Counts {
        let mut c = Counts {
            schemas: model.schemas().len(),
            terms: model.terms().len(),
            annotations: model.annotations().len(),
            warnings,
            ..Counts::default()
        };
        for (_, ty) in model.types() {
            match &ty.detail {
                TypeDetail::Entity(_) => c.entity_types += 1,
                TypeDetail::Complex(_) => c.complex_types += 1,
                TypeDetail::Enum(e) => {
                    c.enum_types += 1;
                    c.enum_members += e.members.len();
                }
                TypeDetail::Definition(_) => c.type_definitions += 1,
            }
        }
        for (_, p) in model.properties() {
            match p.kind {
                PropertyKind::Structural => c.properties += 1,
                PropertyKind::Navigation => c.navigation_properties += 1,
            }
        }
        for (_, op) in model.operations() {
            match op.kind {
                OperationKind::Action => c.actions += 1,
                OperationKind::Function => c.functions += 1,
            }
        }
        for (_, container) in model.containers() {
            c.entity_containers += 1;
            c.entity_sets += container.entity_sets.len();
            c.singletons += container.singletons.len();
            c.action_imports += container.action_imports.len();
            c.function_imports += container.function_imports.len();
        }
        c
    }

    pub fn pairs(&self) -> [(&'static str, usize); 18] {
        [
            ("schemas", self.schemas),
            ("entityTypes", self.entity_types),
            ("complexTypes", self.complex_types),
            ("enumTypes", self.enum_types),
            ("enumMembers", self.enum_members),
            ("typeDefinitions", self.type_definitions),
            ("properties", self.properties),
            ("navigationProperties", self.navigation_properties),
            ("actions", self.actions),
            ("functions", self.functions),
            ("terms", self.terms),
            ("entityContainers", self.entity_containers),
            ("entitySets", self.entity_sets),
            ("singletons", self.singletons),
            ("actionImports", self.action_imports),
            ("functionImports", self.function_imports),
            ("annotations", self.annotations),
            ("warnings", self.warnings),
        ]
    }

    pub fn to_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .pairs()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.into()))
            .collect();
        serde_json::Value::Object(map).to_string()
    }
}

/// The resolved type as text: base chain, properties with where they are declared, derived
/// types and annotations.
pub fn describe_type(model: &Model, id: TypeId) -> String {
    let ty = &model[id];
    let mut out = String::new();
    let kind = match ty.kind() {
        TypeKind::Entity => "entity type",
        TypeKind::Complex => "complex type",
        TypeKind::Enum => "enum type",
        TypeKind::TypeDefinition => "type definition",
    };
    let _ = writeln!(
        out,
        "{kind} {}  ({})",
        ty.qualified_name,
        model.location(ty.pos)
    );
    annotations(model, &Target::Type(id), "  ", &mut out);
    match &ty.detail {
        TypeDetail::Entity(s) | TypeDetail::Complex(s) => {
            let chain: Vec<&str> = model
                .base_types(id)
                .into_iter()
                .map(|b| model[b].qualified_name.as_str())
                .collect();
            if !chain.is_empty() {
                let _ = writeln!(out, "  base types: {}", chain.join(" -> "));
            }
            let flags: Vec<&str> = [
                (s.is_abstract, "abstract"),
                (s.is_open, "open"),
                (s.has_stream, "has stream"),
            ]
            .into_iter()
            .filter_map(|(on, name)| on.then_some(name))
            .collect();
            if !flags.is_empty() {
                let _ = writeln!(out, "  {}", flags.join(", "));
            }
            let key: Vec<&str> = model.key(id).iter().map(|k| k.name.as_str()).collect();
            if !key.is_empty() {
                let _ = writeln!(out, "  key: {}", key.join(", "));
            }
            let all = model.all_properties(id);
            let _ = writeln!(out, "  properties ({}):", all.len());
            for p in all {
                let property = &model[p];
                let mut notes = vec![if property.nullable {
                    "nullable"
                } else {
                    "not null"
                }];
                if property.contains_target {
                    notes.push("contains target");
                }
                let nav = match property.kind {
                    PropertyKind::Navigation => "navigation ",
                    PropertyKind::Structural => "",
                };
                let _ = writeln!(
                    out,
                    "    {nav}{}: {} ({}) declared in {}",
                    property.name,
                    model.type_ref_name(&property.ty),
                    notes.join(", "),
                    model[property.declaring_type].qualified_name
                );
                annotations(model, &Target::Property(p), "      ", &mut out);
            }
            let derived = model.derived_types(id);
            if !derived.is_empty() {
                let names: Vec<&str> = derived
                    .iter()
                    .map(|d| model[*d].qualified_name.as_str())
                    .collect();
                let _ = writeln!(
                    out,
                    "  derived types ({}): {}",
                    derived.len(),
                    names.join(", ")
                );
            }
        }
        TypeDetail::Enum(e) => {
            let _ = writeln!(
                out,
                "  underlying type: {}{}",
                e.underlying,
                if e.is_flags { ", flags" } else { "" }
            );
            for (index, m) in e.members.iter().enumerate() {
                let _ = writeln!(out, "    {} = {}", m.name, m.value);
                annotations(model, &Target::Member(id, index), "      ", &mut out);
            }
        }
        TypeDetail::Definition(d) => {
            let _ = writeln!(out, "  underlying type: {}", d.underlying);
        }
    }
    out
}

fn annotations(model: &Model, target: &Target, indent: &str, out: &mut String) {
    for id in model.annotations_of(target) {
        let a = &model[*id];
        let qualifier = a
            .qualifier
            .as_deref()
            .map(|q| format!("#{q}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}@{}{qualifier} = {}",
            a.term,
            show_value(&a.value)
        );
    }
}

/// A compact one-line rendering of an annotation value.
pub fn show_value(value: &Value) -> String {
    match value {
        Value::Absent => "(default)".to_owned(),
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::String(s) => format!("{s:?}"),
        Value::Decimal(s)
        | Value::Date(s)
        | Value::DateTimeOffset(s)
        | Value::Duration(s)
        | Value::Guid(s)
        | Value::TimeOfDay(s)
        | Value::Binary(s) => s.clone(),
        Value::EnumMember(members) => members.join(" "),
        Value::Path(kind, path) => format!("{}({path})", kind.name()),
        Value::Record(record) => {
            let fields: Vec<String> = record
                .properties
                .iter()
                .map(|(name, v)| format!("{name}: {}", show_value(v)))
                .collect();
            match &record.ty {
                Some(ty) => format!("{ty} {{ {} }}", fields.join(", ")),
                None => format!("{{ {} }}", fields.join(", ")),
            }
        }
        Value::Collection(items) => {
            let items: Vec<String> = items.iter().map(show_value).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Expression(e) => {
            let operands: Vec<String> = e.kind.operands().into_iter().map(show_value).collect();
            let operands = operands.join(", ");
            match &e.kind {
                ExpressionKind::Null => "null".to_owned(),
                ExpressionKind::Apply { function, .. } => format!("{function}({operands})"),
                ExpressionKind::Cast(test) | ExpressionKind::IsOf(test) => {
                    format!("{}({}, {operands})", e.kind.name(), test.ty)
                }
                ExpressionKind::LabeledElement { name, .. } => {
                    format!("LabeledElement({name}: {operands})")
                }
                ExpressionKind::LabeledElementReference(name) => {
                    format!("LabeledElementReference({name})")
                }
                _ => format!("{}({operands})", e.kind.name()),
            }
        }
    }
}
