//! Plug-ins for the actions and functions a metadata file declares but cannot describe: a
//! test registers what `POST /me/events/{id}/cancel` does, and the generic service calls it.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde_json::Value;

use crate::error::ApiError;

/// One call of an action or function, as the plug-in sees it.
#[derive(Debug)]
#[non_exhaustive]
pub struct OperationCall<'a> {
    /// The operation's name (`cancel`, `getSchedule`).
    pub name: &'a str,
    /// The path as Graph's docs write it: `/me/events/{eventId}/cancel`.
    pub template: &'a str,
    /// The path's parameter values, in the template's order, percent-decoded.
    pub parameters: &'a [String],
    /// The JSON body (an action's parameters), when one was sent.
    pub body: Option<&'a Value>,
    /// The caller's tenant.
    pub tenant_id: &'a str,
    /// The caller's object id: the user's, or the service principal's for an app token.
    pub caller_id: &'a str,
}

/// What a plug-in answers: a JSON value (`200`; a value that is not an object is wrapped as
/// `{"value": ...}`), nothing (`204`), or Graph's error.
pub type OperationResult = Result<Option<Value>, ApiError>;

type Handler = Arc<dyn Fn(&OperationCall<'_>) -> OperationResult + Send + Sync>;

/// Registered plug-ins, by operation name.
#[derive(Clone, Default)]
pub struct Operations {
    handlers: HashMap<String, Handler>,
}

impl Operations {
    /// Answers every operation named `name` (every overload and binding) with `handler`.
    pub fn register(
        &mut self,
        name: impl Into<String>,
        handler: impl Fn(&OperationCall<'_>) -> OperationResult + Send + Sync + 'static,
    ) {
        self.handlers.insert(name.into(), Arc::new(handler));
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Handler> {
        self.handlers.get(name)
    }
}

impl fmt::Debug for Operations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<&String> = self.handlers.keys().collect();
        names.sort();
        f.debug_set().entries(names).finish()
    }
}
