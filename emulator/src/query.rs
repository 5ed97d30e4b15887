//! OData query options on a collection: `$filter`, `$orderby`, `$select`, `$top`, `$skip`,
//! `$count`, `$skiptoken` (the emulator's own paging), and `Prefer: odata.maxpagesize`.

use std::cmp::Ordering;

use axum::http::HeaderMap;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{Map, Value};

use crate::error::ApiError;

/// What a query option's name or value cannot hold as is; `$`, quotes, parentheses, commas,
/// slashes and colons stay readable, as in Graph's own links.
const QUERY_TEXT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The `Prefer` preference that asks for a page size.
pub const PREFER_PAGE_SIZE: &str = "odata.maxpagesize";

/// The query options of one request.
#[derive(Debug, Default)]
pub(crate) struct Query {
    pub top: Option<usize>,
    pub skip: Option<usize>,
    /// Where the next page starts: items already handed out (a list), or that and the round
    /// (a delta function): `12` or `12_40_7`.
    pub skip_token: Option<String>,
    /// `$deltatoken`: changes after this point of the store's history (`latest`: none).
    pub delta_token: Option<String>,
    pub count: bool,
    select: Option<Vec<String>>,
    order_by: Vec<(Vec<String>, bool)>,
    filter: Option<Expr>,
    /// `$expand`: navigation properties to include, one level.
    pub expand: Vec<String>,
    /// `$search`: a term, in one property or any string property.
    search: Option<(Option<String>, String)>,
    /// `$id`: the reference a `DELETE .../$ref` removes.
    pub reference: Option<String>,
    /// Every option as sent, for the next page's link.
    pairs: Vec<(String, String)>,
}

impl Query {
    pub fn parse(raw: Option<&str>) -> Result<Self, ApiError> {
        let mut query = Query::default();
        for (name, value) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
            let number = |option: &str| {
                value.trim().parse::<usize>().map_err(|_| {
                    ApiError::bad_request(format!(
                        "Invalid value '{value}' for query option {option}: a non-negative integer is expected."
                    ))
                })
            };
            match name.as_ref() {
                "$top" => query.top = Some(number("$top")?),
                "$skip" => query.skip = Some(number("$skip")?),
                "$skiptoken" => query.skip_token = Some(value.clone().into_owned()),
                "$deltatoken" => query.delta_token = Some(value.clone().into_owned()),
                "$count" => {
                    query.count = match value.as_ref() {
                        "true" => true,
                        "false" => false,
                        _ => {
                            return Err(ApiError::bad_request(format!(
                                "Invalid value '{value}' for $count: true or false is expected."
                            )))
                        }
                    }
                }
                "$select" => {
                    query.select = Some(value.split(',').map(|s| s.trim().to_owned()).collect())
                }
                "$orderby" => {
                    query.order_by = value
                        .split(',')
                        .map(|clause| {
                            let mut words = clause.split_whitespace();
                            let path = words.next().unwrap_or_default();
                            let descending = match words.next() {
                                None | Some("asc") => false,
                                Some("desc") => true,
                                Some(other) => {
                                    return Err(ApiError::bad_request(format!(
                                "Invalid $orderby direction '{other}': asc or desc is expected."
                            )))
                                }
                            };
                            Ok((path.split('/').map(str::to_owned).collect(), descending))
                        })
                        .collect::<Result<_, _>>()?
                }
                "$filter" => query.filter = Some(Parser::parse(&value)?),
                "$id" => query.reference = Some(value.clone().into_owned()),
                "$expand" => {
                    query.expand = value
                        .split(',')
                        // Nested options (`members($select=id)`) are not applied.
                        .map(|item| item.split('(').next().unwrap_or_default().trim().to_owned())
                        .filter(|name| !name.is_empty())
                        .collect()
                }
                "$search" => {
                    let term = value.trim().trim_matches('"');
                    query.search = Some(match term.split_once(':') {
                        Some((property, term)) => (Some(property.to_owned()), term.to_lowercase()),
                        None => (None, term.to_lowercase()),
                    })
                }
                _ => {}
            }
            if name != "$skiptoken" && name != "$deltatoken" {
                query.pairs.push((name.into_owned(), value.into_owned()));
            }
        }
        Ok(query)
    }

    /// The page size the client asked for with `Prefer: odata.maxpagesize=n`.
    pub fn preferred_page_size(headers: &HeaderMap) -> Option<usize> {
        headers
            .get_all("prefer")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|text| text.split(','))
            .find_map(|preference| {
                let (name, value) = preference.split_once('=')?;
                (name.trim().eq_ignore_ascii_case(PREFER_PAGE_SIZE))
                    .then(|| value.trim().parse().ok())
                    .flatten()
            })
    }

    /// The entity with only the `$select`ed members, its key and its annotations.
    pub fn select(&self, entity: Map<String, Value>) -> Map<String, Value> {
        let Some(selected) = &self.select else {
            return entity;
        };
        entity
            .into_iter()
            .filter(|(name, _)| {
                name == "id" || name.starts_with('@') || selected.iter().any(|s| s == name)
            })
            .collect()
    }

    /// Keeps the entities `$filter` and `$search` accept.
    pub fn keep_matching<T>(&self, entities: &mut Vec<(T, Map<String, Value>)>) {
        if let Some(filter) = &self.filter {
            entities.retain(|(_, entity)| filter.accepts(entity));
        }
        if let Some((property, term)) = &self.search {
            entities.retain(|(_, entity)| {
                entity
                    .iter()
                    .filter(|(name, _)| property.as_ref().is_none_or(|p| p == *name))
                    .any(|(_, value)| {
                        value
                            .as_str()
                            .is_some_and(|text| text.to_lowercase().contains(term.as_str()))
                    })
            });
        }
    }

    /// Sorts by `$orderby`, stably, absent and `null` values first.
    pub fn sort<T>(&self, entities: &mut [(T, Map<String, Value>)]) {
        if self.order_by.is_empty() {
            return;
        }
        entities.sort_by(|(_, a), (_, b)| {
            for (path, descending) in &self.order_by {
                let order = compare(member(a, path), member(b, path)).unwrap_or(Ordering::Equal);
                let order = if *descending { order.reverse() } else { order };
                if order != Ordering::Equal {
                    return order;
                }
            }
            Ordering::Equal
        });
    }

    /// Items of a list's result already handed out in earlier pages.
    pub fn list_offset(&self) -> Result<usize, ApiError> {
        self.skip_token.as_deref().map_or(Ok(0), |token| {
            token
                .parse()
                .map_err(|_| ApiError::bad_request(format!("Invalid $skiptoken '{token}'.")))
        })
    }

    /// The same request with the other options kept and `option=value` added: the link to
    /// the next page (`$skiptoken`) or the next delta round (`$deltatoken`).
    pub fn link(&self, service_root: &str, raw_path: &str, option: &str, value: &str) -> String {
        let query: Vec<String> = self
            .pairs
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .chain([(option, value)])
            .map(|(name, value)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(name, QUERY_TEXT),
                    utf8_percent_encode(value, QUERY_TEXT)
                )
            })
            .collect();
        let relative = raw_path.strip_prefix("/v1.0").unwrap_or(raw_path);
        format!("{service_root}{relative}?{}", query.join("&"))
    }
}

fn member<'a>(entity: &'a Map<String, Value>, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    rest.iter()
        .try_fold(entity.get(first)?, |value, name| value.get(name))
}

/// Orders two JSON values of one kind; `None` for kinds that do not compare.
fn compare(a: Option<&Value>, b: Option<&Value>) -> Option<Ordering> {
    let a = a.filter(|v| !v.is_null());
    let b = b.filter(|v| !v.is_null());
    match (a, b) {
        (None, None) => Some(Ordering::Equal),
        (None, Some(_)) => Some(Ordering::Less),
        (Some(_), None) => Some(Ordering::Greater),
        (Some(Value::String(a)), Some(Value::String(b))) => Some(a.cmp(b)),
        (Some(Value::Bool(a)), Some(Value::Bool(b))) => Some(a.cmp(b)),
        (Some(Value::Number(a)), Some(Value::Number(b))) => a.as_f64()?.partial_cmp(&b.as_f64()?),
        _ => None,
    }
}

/// A `$filter` expression.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Or(Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(Vec<String>, Comparison, Value),
    /// `startswith`, `endswith`, `contains` on a string property.
    Text(TextFunction, Vec<String>, String),
    /// `tags/any(t: t eq 'x')` on a collection of primitives.
    Any(Vec<String>, Comparison, Value),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Comparison {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum TextFunction {
    StartsWith,
    EndsWith,
    Contains,
}

impl Comparison {
    fn from_word(word: &str) -> Option<Self> {
        Some(match word {
            "eq" => Comparison::Eq,
            "ne" => Comparison::Ne,
            "gt" => Comparison::Gt,
            "ge" => Comparison::Ge,
            "lt" => Comparison::Lt,
            "le" => Comparison::Le,
            _ => return None,
        })
    }

    fn holds(self, left: Option<&Value>, right: &Value) -> bool {
        let left = left.unwrap_or(&Value::Null);
        match self {
            Comparison::Eq => equal(left, right),
            Comparison::Ne => !equal(left, right),
            _ => {
                if left.is_null() || right.is_null() {
                    return false;
                }
                let Some(order) = compare(Some(left), Some(right)) else {
                    return false;
                };
                match self {
                    Comparison::Gt => order == Ordering::Greater,
                    Comparison::Ge => order != Ordering::Less,
                    Comparison::Lt => order == Ordering::Less,
                    _ => order != Ordering::Greater,
                }
            }
        }
    }
}

/// Equality across number representations (`1` and `1.0`).
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

impl Expr {
    fn accepts(&self, entity: &Map<String, Value>) -> bool {
        match self {
            Expr::Or(a, b) => a.accepts(entity) || b.accepts(entity),
            Expr::And(a, b) => a.accepts(entity) && b.accepts(entity),
            Expr::Not(inner) => !inner.accepts(entity),
            Expr::Compare(path, comparison, literal) => {
                comparison.holds(member(entity, path), literal)
            }
            Expr::Text(function, path, needle) => {
                let Some(Value::String(text)) = member(entity, path) else {
                    return false;
                };
                let (text, needle) = (text.to_lowercase(), needle.to_lowercase());
                match function {
                    TextFunction::StartsWith => text.starts_with(&needle),
                    TextFunction::EndsWith => text.ends_with(&needle),
                    TextFunction::Contains => text.contains(&needle),
                }
            }
            Expr::Any(path, comparison, literal) => match member(entity, path) {
                Some(Value::Array(items)) => items
                    .iter()
                    .any(|item| comparison.holds(Some(item), literal)),
                _ => false,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Open,
    Close,
    Comma,
    Colon,
}

/// A recursive-descent reader of the `$filter` subset above.
struct Parser {
    tokens: Vec<Token>,
    at: usize,
    source: String,
}

impl Parser {
    fn parse(source: &str) -> Result<Expr, ApiError> {
        let mut parser = Parser {
            tokens: tokenize(source).ok_or_else(|| invalid(source, "an unterminated string"))?,
            at: 0,
            source: source.to_owned(),
        };
        let expr = parser.or()?;
        match parser.tokens.get(parser.at) {
            None => Ok(expr),
            Some(token) => Err(parser.error(&format!("unexpected {token:?}"))),
        }
    }

    fn error(&self, what: &str) -> ApiError {
        invalid(&self.source, what)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w == word)
    }

    fn expect(&mut self, token: Token) -> Result<(), ApiError> {
        match self.next() {
            Some(found) if found == token => Ok(()),
            _ => Err(self.error(&format!("{token:?} expected"))),
        }
    }

    fn or(&mut self) -> Result<Expr, ApiError> {
        let mut left = self.and()?;
        while self.peek_word("or") {
            self.at += 1;
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ApiError> {
        let mut left = self.unary()?;
        while self.peek_word("and") {
            self.at += 1;
            left = Expr::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ApiError> {
        if self.peek_word("not") {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        match self.next() {
            Some(Token::Open) => {
                let inner = self.or()?;
                self.expect(Token::Close)?;
                Ok(inner)
            }
            Some(Token::Word(word)) => {
                let function = match word.as_str() {
                    "startswith" => Some(TextFunction::StartsWith),
                    "endswith" => Some(TextFunction::EndsWith),
                    "contains" => Some(TextFunction::Contains),
                    _ => None,
                };
                if let Some(function) =
                    function.filter(|_| self.tokens.get(self.at) == Some(&Token::Open))
                {
                    self.at += 1;
                    let Some(Token::Word(path)) = self.next() else {
                        return Err(self.error("a property expected"));
                    };
                    self.expect(Token::Comma)?;
                    let Some(Token::Text(needle)) = self.next() else {
                        return Err(self.error("a string expected"));
                    };
                    self.expect(Token::Close)?;
                    return Ok(Expr::Text(function, split_path(&path), needle));
                }
                if let Some(collection) = word.strip_suffix("/any") {
                    // `tags/any(t: t eq 'x')`
                    self.expect(Token::Open)?;
                    let Some(Token::Word(variable)) = self.next() else {
                        return Err(self.error("a lambda variable expected"));
                    };
                    self.expect(Token::Colon)?;
                    let Some(Token::Word(same)) = self.next() else {
                        return Err(self.error("the lambda variable expected"));
                    };
                    if same != variable {
                        return Err(self.error(
                            "only comparisons of the lambda variable itself are supported",
                        ));
                    }
                    let (comparison, literal) = self.comparison()?;
                    self.expect(Token::Close)?;
                    return Ok(Expr::Any(split_path(collection), comparison, literal));
                }
                let (comparison, literal) = self.comparison()?;
                Ok(Expr::Compare(split_path(&word), comparison, literal))
            }
            _ => Err(self.error("a property, a function or '(' expected")),
        }
    }

    fn comparison(&mut self) -> Result<(Comparison, Value), ApiError> {
        let comparison = match self.next() {
            Some(Token::Word(word)) => Comparison::from_word(&word),
            _ => None,
        }
        .ok_or_else(|| self.error("eq, ne, gt, ge, lt or le expected"))?;
        let literal = match self.next() {
            Some(Token::Text(text)) => Value::String(text),
            Some(Token::Word(word)) => match word.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                "null" => Value::Null,
                number => match serde_json::from_str::<serde_json::Number>(number) {
                    Ok(n) => Value::Number(n),
                    // Unquoted date-times, GUIDs and enum members compare as their JSON text.
                    Err(_) => Value::String(number.to_owned()),
                },
            },
            _ => return Err(self.error("a literal expected")),
        };
        Ok((comparison, literal))
    }
}

fn split_path(path: &str) -> Vec<String> {
    path.split('/').map(str::to_owned).collect()
}

fn invalid(source: &str, what: &str) -> ApiError {
    let shown: String = source.chars().take(200).collect();
    ApiError::bad_request(format!("Invalid filter clause '{shown}': {what}."))
}

fn tokenize(source: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' => tokens.push(Token::Open),
            ')' => tokens.push(Token::Close),
            ',' => tokens.push(Token::Comma),
            ':' => tokens.push(Token::Colon),
            '\'' => {
                let mut text = String::new();
                loop {
                    match chars.next()? {
                        '\'' if chars.peek() == Some(&'\'') => {
                            chars.next();
                            text.push('\'');
                        }
                        '\'' => break,
                        other => text.push(other),
                    }
                }
                tokens.push(Token::Text(text));
            }
            _ => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next.is_whitespace() || matches!(next, '(' | ')' | ',' | ':' | '\'') {
                        break;
                    }
                    word.push(next);
                    chars.next();
                }
                tokens.push(Token::Word(word));
            }
        }
    }
    Some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entity(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("test entities are objects"),
        }
    }

    fn accepts(filter: &str, value: Value) -> bool {
        Parser::parse(filter).unwrap().accepts(&entity(value))
    }

    #[test]
    fn filters_compare_combine_and_call_functions() {
        let event = json!({
            "subject": "Plan 'B'", "importance": "high", "size": 3,
            "start": {"timeZone": "UTC"}, "categories": ["Red", "Blue"], "isDraft": false,
        });
        assert!(accepts("subject eq 'Plan ''B'''", event.clone()));
        assert!(accepts("size gt 2 and size le 3", event.clone()));
        assert!(!accepts(
            "size gt 3 or not (importance eq 'high')",
            event.clone()
        ));
        assert!(accepts("startswith(subject,'plan')", event.clone()));
        assert!(accepts("contains(subject, 'B')", event.clone()));
        assert!(accepts("start/timeZone eq 'UTC'", event.clone()));
        assert!(accepts("categories/any(c: c eq 'Blue')", event.clone()));
        assert!(!accepts("categories/any(c:c eq 'Green')", event.clone()));
        assert!(accepts(
            "isDraft eq false and missing eq null",
            event.clone()
        ));
        assert!(accepts("size eq 3.0", event));
    }

    #[test]
    fn a_malformed_filter_says_what_is_wrong() {
        for (filter, wanted) in [
            ("subject eq 'open", "unterminated string"),
            ("subject like 'x'", "eq, ne, gt"),
            ("(subject eq 'x'", "Close expected"),
            ("subject eq 'x' 'y'", "unexpected"),
        ] {
            let error = Parser::parse(filter).unwrap_err();
            assert!(
                error.message.contains(wanted),
                "{filter}: {}",
                error.message
            );
        }
    }

    #[test]
    fn next_links_keep_the_options_and_advance_the_token() {
        let query = Query::parse(Some("$top=2&$filter=a%20eq%201&$skiptoken=2")).unwrap();
        assert_eq!(query.list_offset().unwrap(), 2);
        let link = query.link("http://127.0.0.1:1/v1.0", "/v1.0/users", "$skiptoken", "4");
        assert_eq!(
            link,
            "http://127.0.0.1:1/v1.0/users?$top=2&$filter=a%20eq%201&$skiptoken=4"
        );
        let again = Query::parse(link.split_once('?').map(|(_, q)| q)).unwrap();
        assert_eq!((again.top, again.list_offset().unwrap()), (Some(2), 4));
    }
}
