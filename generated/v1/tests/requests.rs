//! Requests built by operations of many areas of the API, each checked for method, path,
//! query and body: the path as Graph's documentation writes it, keys and function parameters
//! encoded, bodies validated and serialised, `/me` and `/users/{id}` from one function.
#![cfg(feature = "full")]

use graph_core::http::{GraphRequest, RequestOptions};
use graph_core::Property;
use graph_v1::api::{self, UserTarget};

fn built<T, E>(call: graph_core::http::Call<T, E>) -> GraphRequest<T> {
    call.build(&RequestOptions::default())
        .unwrap_or_else(|error| panic!("{error}"))
}

/// (method, path and query after `/v1.0`, body as text).
fn parts<T>(request: &GraphRequest<T>) -> (String, String, String) {
    let http = request.request();
    let uri = http.uri();
    let path = uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    (
        http.method().to_string(),
        path.strip_prefix("/v1.0").unwrap_or(&path).to_owned(),
        String::from_utf8(http.body().clone()).unwrap(),
    )
}

fn check<T>(request: &GraphRequest<T>, method: &str, path: &str, body: &str) {
    assert_eq!(parts(request), (method.into(), path.into(), body.into()));
}

#[test]
fn users_me_and_a_user_share_one_function() {
    let me = built(
        api::users::events::list(&UserTarget::Me)
            .select(&[graph_v1::Event::SUBJECT])
            .top(5),
    );
    check(&me, "GET", "/me/events?$select=subject&$top=5", "");
    assert_eq!(me.endpoint().path, "/me/events");
    let user = built(api::users::events::list(&UserTarget::User("a/b".into())));
    check(&user, "GET", "/users/a%2Fb/events", "");
    assert_eq!(user.endpoint().path, "/users/{userId}/events");
    // Permissions come from Microsoft's permissions file, least privileged first.
    assert_eq!(
        user.endpoint().permissions.delegated[0],
        "Calendars.ReadBasic"
    );
    check(&built(api::users::count()), "GET", "/users/$count", "");
}

#[test]
fn select_and_expand_name_the_answer_type_s_own_properties() {
    use graph_v1::{DirectoryObject, Group, User};
    let groups = built(
        api::groups::list()
            .select(&[Group::DISPLAY_NAME, Group::MAIL])
            .expand(&[Group::MEMBERS, Group::OWNERS]),
    );
    check(
        &groups,
        "GET",
        "/groups?$select=displayName,mail&$expand=members,owners",
        "",
    );
    // A polymorphic collection names its declared type's properties; a cast names the
    // derived type's.
    let members = built(api::groups::members::list("g").select(&[DirectoryObject::ID]));
    check(&members, "GET", "/groups/g/members?$select=id", "");
    let users =
        built(api::groups::members::as_user::list("g").select(&[User::USER_PRINCIPAL_NAME]));
    check(
        &users,
        "GET",
        "/groups/g/members/microsoft.graph.user?$select=userPrincipalName",
        "",
    );
}

#[test]
fn create_validates_and_serialises_the_body() {
    let event = graph_v1::Event {
        subject: "Review".into(),
        ..Default::default()
    };
    let request = built(api::users::events::create(&UserTarget::Me, &event));
    check(&request, "POST", "/me/events", r#"{"subject":"Review"}"#);
    assert_eq!(
        request.request().headers()["content-type"],
        "application/json"
    );
    // A broken rule (`id` may not be null) is refused before anything is sent.
    let event = graph_v1::Event {
        id: Property::Null,
        ..Default::default()
    };
    let error = api::users::events::create(&UserTarget::Me, &event)
        .build(&RequestOptions::default())
        .unwrap_err();
    assert!(error.to_string().contains("/id"), "{error}");
}

#[test]
fn actions_send_their_parameters_as_one_object() {
    let request = built(api::users::events::accept(
        &UserTarget::User("u1".into()),
        "e1",
        Some(true),
        Some("See you"),
    ));
    check(
        &request,
        "POST",
        "/users/u1/events/e1/accept",
        r#"{"SendResponse":true,"Comment":"See you"}"#,
    );
    let request = built(api::users::events::accept(
        &UserTarget::Me,
        "e1",
        None,
        None,
    ));
    check(&request, "POST", "/me/events/e1/accept", "");
}

#[test]
fn functions_put_their_parameters_in_the_path() {
    let request = built(api::reports::get_email_activity_counts("D7"));
    check(
        &request,
        "GET",
        "/reports/getEmailActivityCounts(period='D7')",
        "",
    );
    let request = built(api::sites::get_by_path("root", "/teams/o'brien"));
    check(
        &request,
        "GET",
        "/sites/root/getByPath(path='%2Fteams%2Fo%27%27brien')",
        "",
    );
    let request = built(api::drives::items::workbook::worksheets::cell(
        "d", "i", "Sheet1", 2, 3,
    ));
    check(
        &request,
        "GET",
        "/drives/d/items/i/workbook/worksheets/Sheet1/cell(row=2,column=3)",
        "",
    );
    // Optional parameters go in the query as aliases, or not at all.
    let request = built(api::communications::online_meetings::get_all_recordings(
        Some("u1"),
        None,
        None,
    ));
    check(
        &request,
        "GET",
        "/communications/onlineMeetings/getAllRecordings(meetingOrganizerUserId=@meetingOrganizerUserId,\
         startDateTime=@startDateTime,endDateTime=@endDateTime)?@meetingOrganizerUserId='u1'",
        "",
    );
}

#[test]
fn alternate_keys_references_casts_and_streams() {
    check(
        &built(api::applications::get_by_app_id(
            "00000003-0000-0000-c000-000000000000",
        )),
        "GET",
        "/applications(appId='00000003-0000-0000-c000-000000000000')",
        "",
    );
    check(
        &built(api::groups::members::add_ref(
            "g1",
            "https://graph.microsoft.com/v1.0/directoryObjects/u1",
        )),
        "POST",
        "/groups/g1/members/$ref",
        r#"{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/u1"}"#,
    );
    check(
        &built(api::groups::members::remove_ref("g1", "u1")),
        "DELETE",
        "/groups/g1/members/u1/$ref",
        "",
    );
    check(
        &built(api::groups::members::as_user::list("g1").count(true)),
        "GET",
        "/groups/g1/members/microsoft.graph.user?$count=true",
        "",
    );
    let request = built(api::drives::items::put_content(
        "d1",
        "i1",
        b"hello".to_vec(),
        "text/plain",
    ));
    check(&request, "PUT", "/drives/d1/items/i1/content", "hello");
    assert_eq!(request.request().headers()["content-type"], "text/plain");
}

#[test]
fn operations_of_other_areas() {
    check(
        &built(api::chats::messages::list("19:abc@thread.v2").top(20)),
        "GET",
        "/chats/19:abc@thread.v2/messages?$top=20",
        "",
    );
    let task = graph_v1::PlannerTask {
        title: "Ship it".into(),
        ..Default::default()
    };
    check(
        &built(api::planner::tasks::update("t1", &task)),
        "PATCH",
        "/planner/tasks/t1",
        r#"{"title":"Ship it"}"#,
    );
    check(
        &built(api::education::classes::assignments::list("c1")),
        "GET",
        "/education/classes/c1/assignments",
        "",
    );
    check(
        &built(api::device_management::managed_devices::list().filter("operatingSystem eq 'iOS'")),
        "GET",
        "/deviceManagement/managedDevices?$filter=operatingSystem%20eq%20'iOS'",
        "",
    );
    check(
        &built(api::security::cases::ediscovery_cases::custodians::apply_hold("case1", "cust1")),
        "POST",
        "/security/cases/ediscoveryCases/case1/custodians/cust1/microsoft.graph.security.applyHold",
        "",
    );
    check(
        &built(api::users::online_meetings::attendance_reports::list(
            &UserTarget::Me,
            "m1",
        )),
        "GET",
        "/me/onlineMeetings/m1/attendanceReports",
        "",
    );
}

#[test]
fn answers_are_read_into_the_declared_types() {
    let request = built(api::users::events::list(&UserTarget::Me));
    let response = graph_core::http::Response::builder()
        .status(200)
        .body(
            br#"{"value":[{"id":"e1","subject":"Stand-up"}],
                 "@odata.nextLink":"https://graph.microsoft.com/v1.0/me/events?$skip=1"}"#
                .to_vec(),
        )
        .unwrap();
    let page = request.parse_response(response).unwrap();
    assert_eq!(page.value.len(), 1);
    assert_eq!(
        page.value[0].subject.value().map(String::as_str),
        Some("Stand-up")
    );
    assert!(page.next_link.is_some());

    let request = built(api::users::count());
    let response = graph_core::http::Response::builder()
        .status(200)
        .body(b"42".to_vec())
        .unwrap();
    assert_eq!(request.parse_response(response).unwrap(), 42);
}
