//! In-memory, thread-safe meeting storage.
//!
//! One mutex guards everything: every operation is a few map look-ups with no I/O and no
//! `.await` inside, and a single lock is what makes createOrGet atomic (look up the
//! `externalId`, create, index) without a second source of truth.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use crate::meeting::{self, Meeting};

/// Digits in a generated `joinMeetingId` (Graph documents 10 or more).
const JOIN_MEETING_ID_DIGITS: usize = 12;

/// The createOrGet key: the same `externalId` names different meetings for different users.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExternalKey {
    /// Tenant of the user.
    pub tenant_id: String,
    /// The user the meeting is for.
    pub user_id: String,
    /// The caller's id for the meeting.
    pub external_id: String,
}

#[derive(Default)]
struct Inner {
    meetings: HashMap<String, Meeting>,
    by_external_id: HashMap<ExternalKey, String>,
    join_meeting_ids: HashSet<String>,
}

impl Inner {
    fn allocate_join_meeting_id(&mut self) -> String {
        loop {
            let candidate = meeting::random_digits(JOIN_MEETING_ID_DIGITS);
            if self.join_meeting_ids.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    fn insert(&mut self, build: impl FnOnce(String) -> Meeting) -> Meeting {
        let join_meeting_id = self.allocate_join_meeting_id();
        let meeting = build(join_meeting_id);
        self.meetings
            .insert(meeting.id().to_owned(), meeting.clone());
        meeting
    }
}

/// The emulator's meetings.
#[derive(Default)]
pub struct Store {
    inner: Mutex<Inner>,
}

impl Store {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps half-updated (each update is one
        // insert or remove), so a poisoned lock is still safe to use.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Stores a new meeting built around a fresh, unique `joinMeetingId`.
    pub fn insert(&self, build: impl FnOnce(String) -> Meeting) -> Meeting {
        self.lock().insert(build)
    }

    /// The meeting for `key`, or a new one built by `build`; `true` when it was created.
    pub fn create_or_get(
        &self,
        key: ExternalKey,
        build: impl FnOnce(String) -> Meeting,
    ) -> (Meeting, bool) {
        let mut inner = self.lock();
        if let Some(meeting) = inner
            .by_external_id
            .get(&key)
            .and_then(|id| inner.meetings.get(id))
        {
            return (meeting.clone(), false);
        }
        let meeting = inner.insert(build);
        inner.by_external_id.insert(key, meeting.id().to_owned());
        (meeting, true)
    }

    /// The meeting `id`, when `user_id` of `tenant_id` may see it.
    pub fn get(&self, tenant_id: &str, user_id: &str, id: &str) -> Option<Meeting> {
        self.lock()
            .meetings
            .get(id)
            .filter(|meeting| visible(meeting, tenant_id, user_id))
            .cloned()
    }

    /// Changes the meeting `id` organised by `user_id` with `change` (which may refuse);
    /// `None` when there is no such meeting.
    pub fn update<E>(
        &self,
        tenant_id: &str,
        user_id: &str,
        id: &str,
        change: impl FnOnce(&mut Meeting) -> Result<(), E>,
    ) -> Option<Result<Meeting, E>> {
        let mut inner = self.lock();
        let meeting = inner
            .meetings
            .get_mut(id)
            .filter(|meeting| organised_by(meeting, tenant_id, user_id))?;
        Some(change(meeting).map(|()| meeting.clone()))
    }

    /// Deletes the meeting `id` organised by `user_id`; `false` when there is none.
    pub fn remove(&self, tenant_id: &str, user_id: &str, id: &str) -> bool {
        let mut inner = self.lock();
        let organised = inner
            .meetings
            .get(id)
            .is_some_and(|meeting| organised_by(meeting, tenant_id, user_id));
        if !organised {
            return false;
        }
        if let Some(meeting) = inner.meetings.remove(id) {
            inner.join_meeting_ids.remove(meeting.join_meeting_id());
            inner
                .by_external_id
                .retain(|_, meeting_id| meeting_id != id);
        }
        true
    }

    /// The meetings `user_id` may see that match `predicate`.
    pub fn find(
        &self,
        tenant_id: &str,
        user_id: &str,
        predicate: impl Fn(&Meeting) -> bool,
    ) -> Vec<Meeting> {
        self.lock()
            .meetings
            .values()
            .filter(|meeting| visible(meeting, tenant_id, user_id) && predicate(meeting))
            .cloned()
            .collect()
    }

    /// How many meetings exist, across users and tenants.
    pub fn len(&self) -> usize {
        self.lock().meetings.len()
    }
}

/// The organizer and the attendees may read a meeting, within its tenant.
fn visible(meeting: &Meeting, tenant_id: &str, user_id: &str) -> bool {
    meeting.tenant_id() == tenant_id && meeting.involves(user_id)
}

/// Only the organizer may change or delete a meeting.
fn organised_by(meeting: &Meeting, tenant_id: &str, user_id: &str) -> bool {
    meeting.tenant_id() == tenant_id && meeting.organizer_id().eq_ignore_ascii_case(user_id)
}
