//! Ten areas of Graph through the generated whole-v1.0 crate (graph-v1) and the client,
//! against the emulator serving the pinned v1.0 metadata: for each, create three entities,
//! list them a page of two at a time, update one and read it back, delete it and find it gone.

mod common;

use std::sync::Arc;

use common::{client, v1, Harness, USER};
use futures_util::TryStreamExt;
use graph_core::client::{Client, ClientError, StaticToken};
use graph_core::http::{Call, ResponseError, ValuePage};
use graph_core::Property;
use graph_emulator::{Claims, EmulatorConfig, Fixture};
use graph_v1::api::{self, UserTarget};
use graph_v1::*;

/// A generated operation on the entity with a given id.
type ById<T> = Box<dyn Fn(&str) -> T>;

/// One area's operations, each as the generated function makes it.
struct Area<T, E> {
    name: &'static str,
    create: Box<dyn Fn(usize) -> Call<T, E>>,
    list: Box<dyn Fn() -> Call<ValuePage<T>, E>>,
    get: ById<Call<T, E>>,
    update: ById<Call<Option<T>, E>>,
    delete: ById<Call<()>>,
    id: fn(&T) -> Option<String>,
    /// Whether an entity read back carries the update.
    updated: fn(&T) -> bool,
}

async fn round_trip<T: Send + 'static, E>(client: &Client<StaticToken>, area: Area<T, E>) {
    let name = area.name;
    let options = client.request_options();
    let mut ids = Vec::new();
    for n in 0..3 {
        let created = client
            .send((area.create)(n).build(&options).unwrap())
            .await
            .unwrap_or_else(|e| panic!("{name}: create: {e}"));
        ids.push((area.id)(&created).unwrap_or_else(|| panic!("{name}: no id")));
    }
    let listed: Vec<T> = client
        .items((area.list)().top(2).build(&options).unwrap())
        .try_collect()
        .await
        .unwrap_or_else(|e| panic!("{name}: list: {e}"));
    let listed: Vec<String> = listed.iter().filter_map(area.id).collect();
    assert!(
        ids.iter().all(|id| listed.contains(id)),
        "{name}: listed {listed:?}, created {ids:?}"
    );

    client
        .send((area.update)(&ids[0]).build(&options).unwrap())
        .await
        .unwrap_or_else(|e| panic!("{name}: update: {e}"));
    let read = client
        .send((area.get)(&ids[0]).build(&options).unwrap())
        .await
        .unwrap_or_else(|e| panic!("{name}: get: {e}"));
    assert!((area.updated)(&read), "{name}: the update is not read back");

    client
        .send((area.delete)(&ids[0]).build(&options).unwrap())
        .await
        .unwrap_or_else(|e| panic!("{name}: delete: {e}"));
    match client
        .send((area.get)(&ids[0]).build(&options).unwrap())
        .await
    {
        Err(ClientError::Response {
            error: ResponseError::Graph(graph),
            ..
        }) => assert_eq!(graph.status, 404, "{name}"),
        Err(other) => panic!("{name}: expected 404, got {other}"),
        Ok(_) => panic!("{name}: deleted, yet read back"),
    }
}

fn text(value: &str) -> Property<String> {
    Property::Value(value.to_owned())
}

fn value_of(property: &Property<String>) -> Option<String> {
    property.value().cloned()
}

#[tokio::test]
async fn ten_areas_round_trip_through_the_generated_crate() {
    let fixture = Fixture::from_json(
        "areas.json",
        &serde_json::json!({
            "users": [{"id": USER, "displayName": "Adele Vance"}],
            "drives": [{"id": "d1"}],
            "teams": [{"id": "t1", "displayName": "Team"}],
            "communications/onlineMeetings": [{"id": "m1", "subject": "Review"}],
        })
        .to_string(),
    )
    .unwrap();
    let harness = Harness::start_with(
        EmulatorConfig::default()
            .metadata(v1())
            .fixture(Arc::new(fixture))
            .page_size(2),
    )
    .await;
    let token = harness.token(&Claims::delegated(USER, &["User.ReadWrite.All"]));
    let client = client(&harness, token);
    let me = || UserTarget::Me;

    round_trip(
        &client,
        Area {
            name: "users",
            create: Box::new(|n| {
                api::users::create(&AnyUser::User(User {
                    display_name: text(&format!("user {n}")),
                    ..User::default()
                }))
            }),
            list: Box::new(api::users::list),
            get: Box::new(|id| api::users::get(&UserTarget::User(id.to_owned()))),
            update: Box::new(|id| {
                api::users::update(
                    &UserTarget::User(id.to_owned()),
                    &AnyUser::User(User {
                        job_title: text("Engineer"),
                        ..User::default()
                    }),
                )
            }),
            delete: Box::new(|id| api::users::delete(&UserTarget::User(id.to_owned()))),
            id: |user| match user {
                AnyUser::User(user) => value_of(&user.id),
                _ => None,
            },
            updated: |user| matches!(user, AnyUser::User(u) if u.job_title.value().is_some_and(|t| t == "Engineer")),
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "groups",
            create: Box::new(|n| {
                api::groups::create(&Group {
                    display_name: text(&format!("group {n}")),
                    mail_nickname: text(&format!("group{n}")),
                    ..Group::default()
                })
            }),
            list: Box::new(api::groups::list),
            get: Box::new(api::groups::get),
            update: Box::new(|id| {
                api::groups::update(
                    id,
                    &Group {
                        description: text("renamed"),
                        ..Group::default()
                    },
                )
            }),
            delete: Box::new(api::groups::delete),
            id: |group| value_of(&group.id),
            updated: |group| group.description.value().is_some_and(|d| d == "renamed"),
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "events",
            create: Box::new(move |n| {
                api::users::events::create(
                    &me(),
                    &Event {
                        subject: text(&format!("event {n}")),
                        ..Event::default()
                    },
                )
            }),
            list: Box::new(move || api::users::events::list(&me())),
            get: Box::new(move |id| api::users::events::get(&me(), id)),
            update: Box::new(move |id| {
                api::users::events::update(
                    &me(),
                    id,
                    &Event {
                        subject: text("moved"),
                        ..Event::default()
                    },
                )
            }),
            delete: Box::new(move |id| api::users::events::delete(&me(), id)),
            id: |event| value_of(&event.id),
            updated: |event| event.subject.value().is_some_and(|s| s == "moved"),
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "messages",
            create: Box::new(move |n| {
                api::users::messages::create(
                    &me(),
                    &AnyMessage::Message(Message {
                        subject: text(&format!("message {n}")),
                        ..Message::default()
                    }),
                )
            }),
            list: Box::new(move || api::users::messages::list(&me())),
            get: Box::new(move |id| api::users::messages::get(&me(), id)),
            update: Box::new(move |id| {
                api::users::messages::update(
                    &me(),
                    id,
                    &AnyMessage::Message(Message {
                        is_read: Property::Value(true),
                        ..Message::default()
                    }),
                )
            }),
            delete: Box::new(move |id| api::users::messages::delete(&me(), id)),
            id: |message| match message {
                AnyMessage::Message(message) => value_of(&message.id),
                _ => None,
            },
            updated: |message| {
                matches!(message, AnyMessage::Message(m) if m.is_read.value() == Some(&true))
            },
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "drive items",
            create: Box::new(|n| {
                api::drives::items::create(
                    "d1",
                    &DriveItem {
                        name: text(&format!("file {n}.txt")),
                        ..DriveItem::default()
                    },
                )
            }),
            list: Box::new(|| api::drives::items::list("d1")),
            get: Box::new(|id| api::drives::items::get("d1", id)),
            update: Box::new(|id| {
                api::drives::items::update(
                    "d1",
                    id,
                    &DriveItem {
                        name: text("renamed.txt"),
                        ..DriveItem::default()
                    },
                )
            }),
            delete: Box::new(|id| api::drives::items::delete("d1", id)),
            id: |item| value_of(&item.id),
            updated: |item| item.name.value().is_some_and(|n| n == "renamed.txt"),
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "chats",
            create: Box::new(|n| {
                api::chats::create(&Chat {
                    topic: text(&format!("chat {n}")),
                    ..Chat::default()
                })
            }),
            list: Box::new(api::chats::list),
            get: Box::new(api::chats::get),
            update: Box::new(|id| {
                api::chats::update(
                    id,
                    &Chat {
                        topic: text("renamed"),
                        ..Chat::default()
                    },
                )
            }),
            delete: Box::new(api::chats::delete),
            id: |chat| value_of(&chat.id),
            updated: |chat| chat.topic.value().is_some_and(|t| t == "renamed"),
        },
    )
    .await;

    // Chat messages under a chat made for them.
    let chat = client
        .send(
            api::chats::create(&Chat {
                topic: text("messages"),
                ..Chat::default()
            })
            .build(&client.request_options())
            .unwrap(),
        )
        .await
        .unwrap();
    let chat_id = chat.id.value().unwrap().clone();
    let (c1, c2, c3, c4, c5) = (
        chat_id.clone(),
        chat_id.clone(),
        chat_id.clone(),
        chat_id.clone(),
        chat_id,
    );
    round_trip(
        &client,
        Area {
            name: "chat messages",
            create: Box::new(move |n| {
                api::chats::messages::create(
                    &c1,
                    &AnyChatMessage::ChatMessage(ChatMessage {
                        subject: text(&format!("hello {n}")),
                        ..ChatMessage::default()
                    }),
                )
            }),
            list: Box::new(move || api::chats::messages::list(&c2)),
            get: Box::new(move |id| api::chats::messages::get(&c3, id)),
            update: Box::new(move |id| {
                api::chats::messages::update(
                    &c4,
                    id,
                    &AnyChatMessage::ChatMessage(ChatMessage {
                        subject: text("edited"),
                        ..ChatMessage::default()
                    }),
                )
            }),
            delete: Box::new(move |id| api::chats::messages::delete(&c5, id)),
            id: |message| match message {
                AnyChatMessage::ChatMessage(message) => value_of(&message.id),
                _ => None,
            },
            updated: |message| {
                matches!(message, AnyChatMessage::ChatMessage(m)
                    if m.subject.value().is_some_and(|s| s == "edited"))
            },
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "team channels",
            create: Box::new(|n| {
                api::teams::channels::create(
                    "t1",
                    &Channel {
                        display_name: text(&format!("channel {n}")),
                        ..Channel::default()
                    },
                )
            }),
            list: Box::new(|| api::teams::channels::list("t1")),
            get: Box::new(|id| api::teams::channels::get("t1", id)),
            update: Box::new(|id| {
                api::teams::channels::update(
                    "t1",
                    id,
                    &Channel {
                        description: text("announcements"),
                        ..Channel::default()
                    },
                )
            }),
            delete: Box::new(|id| api::teams::channels::delete("t1", id)),
            id: |channel| value_of(&channel.id),
            updated: |channel| {
                channel
                    .description
                    .value()
                    .is_some_and(|d| d == "announcements")
            },
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "attendance reports",
            create: Box::new(|n| {
                api::communications::online_meetings::attendance_reports::create(
                    "m1",
                    &MeetingAttendanceReport {
                        total_participant_count: Property::Value(n as i32 + 1),
                        ..MeetingAttendanceReport::default()
                    },
                )
            }),
            list: Box::new(|| api::communications::online_meetings::attendance_reports::list("m1")),
            get: Box::new(|id| {
                api::communications::online_meetings::attendance_reports::get("m1", id)
            }),
            update: Box::new(|id| {
                api::communications::online_meetings::attendance_reports::update(
                    "m1",
                    id,
                    &MeetingAttendanceReport {
                        total_participant_count: Property::Value(42),
                        ..MeetingAttendanceReport::default()
                    },
                )
            }),
            delete: Box::new(|id| {
                api::communications::online_meetings::attendance_reports::delete("m1", id)
            }),
            id: |report| value_of(&report.id),
            updated: |report| report.total_participant_count.value() == Some(&42),
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "planner tasks",
            create: Box::new(|n| {
                api::planner::tasks::create(&PlannerTask {
                    title: text(&format!("task {n}")),
                    plan_id: text("plan-1"),
                    ..PlannerTask::default()
                })
            }),
            list: Box::new(api::planner::tasks::list),
            get: Box::new(api::planner::tasks::get),
            update: Box::new(|id| {
                api::planner::tasks::update(
                    id,
                    &PlannerTask {
                        percent_complete: Property::Value(50),
                        ..PlannerTask::default()
                    },
                )
            }),
            delete: Box::new(api::planner::tasks::delete),
            id: |task| value_of(&task.id),
            updated: |task| task.percent_complete.value() == Some(&50),
        },
    )
    .await;

    round_trip(
        &client,
        Area {
            name: "subscriptions",
            create: Box::new(|n| {
                api::subscriptions::create(&Subscription {
                    change_type: text("created,updated"),
                    notification_url: text(&format!("https://example.com/notify/{n}")),
                    resource: text("me/mailFolders('Inbox')/messages"),
                    ..Subscription::default()
                })
            }),
            list: Box::new(api::subscriptions::list),
            get: Box::new(api::subscriptions::get),
            update: Box::new(|id| {
                api::subscriptions::update(
                    id,
                    &Subscription {
                        client_state: text("renewed"),
                        ..Subscription::default()
                    },
                )
            }),
            delete: Box::new(api::subscriptions::delete),
            id: |subscription| value_of(&subscription.id),
            updated: |subscription| {
                subscription
                    .client_state
                    .value()
                    .is_some_and(|s| s == "renewed")
            },
        },
    )
    .await;
}
