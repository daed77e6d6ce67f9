// The 17 operations through the wrapper, each blocking and non-blocking,
// against the emulator, with at least one service error per family.
#include "harness.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

namespace {

const char *const unknown_pool = "us-east-1:00000000-0000-0000-0000-0000000000ff";

bool is_service_error(const cs::Error &e, cognito_sync_status status, const char *code, uint16_t http) {
    bool ok = e.status == status && e.code == code && e.http_status == http && !e.message.empty() &&
              !e.request_id.empty();
    if (!ok)
        std::fprintf(stderr, "   got status %u code '%s' http %u: %s\n", (unsigned)e.status, e.code.c_str(),
                     (unsigned)e.http_status, e.message.c_str());
    return ok;
}

// ListRecords, UpdateRecords: pagination, tombstones, every member both ways.
void records(const cs::Client &user, const std::string &pool, const std::string &id) {
    const std::string dataset = unique_name("ops");
    cs::ListRecordsRequest lr;
    lr.identity_pool_id = pool;
    lr.identity_id = id;
    lr.dataset_name = dataset;
    lr.last_sync_count = 0;
    cs::Result<cs::ListRecordsOutput> empty = user.list_records(lr);
    CHECK_OK(empty);
    if (!empty) return;
    CHECK(empty.value().dataset_exists == std::optional<bool>(false));
    CHECK(empty.value().records.empty() && empty.value().dataset_sync_count == 0);
    CHECK(!empty.value().next_token && empty.value().merged_dataset_names.empty());
    CHECK(empty.value().sync_session_token.has_value());

    // Non-blocking UpdateRecords with a completion callback (on a worker thread).
    const int64_t device_time = 1577934245000; // 2020-01-02T03:04:05Z
    cs::UpdateRecordsRequest ur;
    ur.identity_pool_id = pool;
    ur.identity_id = id;
    ur.dataset_name = dataset;
    ur.sync_session_token = *empty.value().sync_session_token;
    ur.client_context = "eyJjbGllbnQiOiJ0ZXN0In0=";
    for (int i = 0; i < 3; i++)
        ur.patches.push_back(cs::RecordPatch{false, "key-" + std::to_string(i), "value-" + std::to_string(i), 0,
                                             i == 0 ? std::optional<int64_t>(device_time) : std::nullopt});
    std::atomic<int> called{0};
    std::atomic<uint32_t> seen_status{999};
    cs::Result<cs::Pending<std::vector<cs::Record>>> started =
        user.update_records_async(ur, [&](cognito_sync_status s) {
            seen_status = s;
            called++;
        });
    CHECK_OK(started);
    if (!started) return;
    CHECK(started.value().name() == "update_records");
    CHECK(started.value().wait(30000));
    cs::Result<std::vector<cs::Record>> written = started.value().take();
    CHECK_OK(written);
    CHECK(written && written.value().size() == 3);
    for (const cs::Record &r : written ? written.value() : std::vector<cs::Record>{}) {
        CHECK(r.sync_count == 1 && r.last_modified_date && r.last_modified_by);
    }
    for (int i = 0; i < 3000 && called == 0; i++) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(called == 1 && seen_status == COGNITO_SYNC_STATUS_OK);
    cs::Result<std::vector<cs::Record>> again = started.value().take();
    CHECK(!again && again.status() == COGNITO_SYNC_STATUS_ALREADY_USED);

    // Pages of 2, non-blocking: next_token until the last page.
    std::vector<std::string> keys;
    cs::ListRecordsRequest page_req = lr;
    page_req.last_sync_count.reset();
    page_req.max_results = 2;
    int pages = 0;
    while (pages < 10) {
        cs::Result<cs::ListRecordsOutput> page = await(user.list_records_async(page_req));
        CHECK_OK(page);
        if (!page) break;
        pages++;
        CHECK(page.value().records.size() <= 2);
        CHECK(page.value().dataset_exists == std::optional<bool>(true) && page.value().dataset_sync_count == 1);
        CHECK(page.value().last_modified_by.has_value());
        CHECK(page.value().count == std::optional<int32_t>((int32_t)page.value().records.size()));
        for (const cs::Record &r : page.value().records) {
            keys.push_back(r.key);
            if (r.key == "key-0")
                CHECK(r.value == std::optional<std::string>("value-0") &&
                      r.device_last_modified_date == std::optional<int64_t>(device_time));
        }
        if (!page.value().next_token) break;
        page_req.next_token = page.value().next_token;
    }
    CHECK(pages == 2 && keys.size() == 3);

    // A removal is a tombstone: later lists report the key without a value.
    cs::Result<cs::ListRecordsOutput> fresh = user.list_records(lr);
    cs::UpdateRecordsRequest removal = ur;
    removal.client_context.reset();
    removal.sync_session_token = fresh ? fresh.value().sync_session_token.value_or("") : "";
    removal.patches = {cs::RecordPatch{true, "key-1", "", 1}};
    CHECK_OK(user.update_records(removal));
    cs::ListRecordsRequest since = lr;
    since.last_sync_count = 1;
    cs::Result<cs::ListRecordsOutput> changed = user.list_records(since);
    CHECK(changed && changed.value().records.size() == 1 && changed.value().records[0].key == "key-1" &&
          !changed.value().records[0].value && changed.value().records[0].sync_count == 2 &&
          changed.value().dataset_sync_count == 2);
    CHECK(changed && changed.value().dataset_deleted_after_requested_sync_count != std::optional<bool>(true));

    // Service errors: a stale sync count (409), a sync count that does not exist (400).
    cs::UpdateRecordsRequest stale = removal;
    cs::Result<cs::ListRecordsOutput> s2 = user.list_records(lr);
    stale.sync_session_token = s2 ? s2.value().sync_session_token.value_or("") : "";
    stale.patches = {cs::RecordPatch{false, "key-2", "late", 0}};
    cs::Result<std::vector<cs::Record>> conflict = user.update_records(stale);
    CHECK(!conflict &&
          is_service_error(conflict.error(), COGNITO_SYNC_STATUS_RESOURCE_CONFLICT, "ResourceConflictException", 409));
    cs::ListRecordsRequest beyond = lr;
    beyond.last_sync_count = 99;
    cs::Result<cs::ListRecordsOutput> bad = await(user.list_records_async(beyond));
    CHECK(!bad && is_service_error(bad.error(), COGNITO_SYNC_STATUS_INVALID_PARAMETER, "InvalidParameterException", 400));
    // Client-side validation: refused before sending, as the outcome of the non-blocking call too.
    cs::ListRecordsRequest invalid = lr;
    invalid.dataset_name = "not a valid name!";
    cs::Result<cs::ListRecordsOutput> v1 = user.list_records(invalid);
    CHECK(!v1 && v1.status() == COGNITO_SYNC_STATUS_VALIDATION && v1.error().http_status == 0);
    cs::Result<cs::Pending<cs::ListRecordsOutput>> v2 = user.list_records_async(invalid);
    CHECK_OK(v2);
    if (v2) {
        CHECK(v2.value().wait(30000));
        CHECK(v2.value().take().status() == COGNITO_SYNC_STATUS_VALIDATION);
    }
    // A NUL inside a string would be cut there by the C API: refused, nothing sent.
    cs::UpdateRecordsRequest with_nul = stale;
    with_nul.patches = {cs::RecordPatch{false, "key-2", std::string("before\0after", 12), 1}};
    cs::Result<std::vector<cs::Record>> n1 = user.update_records(with_nul);
    CHECK(!n1 && n1.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT && n1.error().message.find("NUL") != std::string::npos);
    cs::Result<cs::Pending<cs::DatasetMetadata>> n2 = user.describe_dataset_async(pool, id, std::string_view("a\0b", 3));
    CHECK(!n2 && n2.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    cs::Result<cs::ListRecordsOutput> after_nul = user.list_records(since);
    CHECK(after_nul && after_nul.value().dataset_sync_count == 2); // nothing was written
#if defined(__cpp_exceptions)
    bool threw = false;
    try {
        (void)user.update_records(stale).value_or_throw();
    } catch (const cs::Exception &e) {
        threw = e.error().status == COGNITO_SYNC_STATUS_RESOURCE_CONFLICT && e.what() == e.error().message;
    }
    CHECK(threw);
#endif
}

void write_one(const cs::Client &user, const std::string &pool, const std::string &id, const std::string &dataset) {
    write_record(user, pool, id, dataset, "k", "v");
}

// DescribeDataset, ListDatasets, DeleteDataset.
void datasets(const cs::Client &user, const std::string &pool, const std::string &id) {
    const std::string a = unique_name("ds_a"), b = unique_name("ds_b");
    write_one(user, pool, id, a);
    write_one(user, pool, id, b);
    cs::Result<cs::DatasetMetadata> d1 = user.describe_dataset(pool, id, a);
    CHECK(d1 && d1.value().dataset_name == a && d1.value().identity_id == id && d1.value().num_records == 1);
    CHECK(d1 && d1.value().creation_date > 1500000000000 && d1.value().last_modified_date &&
          d1.value().last_modified_by && d1.value().data_storage == 2);
    cs::Result<cs::DatasetMetadata> d2 = await(user.describe_dataset_async(pool, id, b));
    CHECK(d2 && d2.value().dataset_name == b);

    // Pages of one, blocking then non-blocking.
    std::vector<std::string> names;
    cs::Result<cs::ListDatasetsOutput> p1 = user.list_datasets(pool, id, std::nullopt, 1);
    CHECK(p1 && p1.value().datasets.size() == 1 && p1.value().next_token && p1.value().count == 1);
    if (p1 && p1.value().next_token) {
        names.push_back(p1.value().datasets[0].dataset_name);
        cs::Result<cs::ListDatasetsOutput> p2 =
            await(user.list_datasets_async(pool, id, std::string_view(*p1.value().next_token), 1));
        CHECK(p2 && p2.value().datasets.size() == 1);
        if (p2) names.push_back(p2.value().datasets[0].dataset_name);
    }
    std::sort(names.begin(), names.end());
    CHECK((names == std::vector<std::string>{a, b}));

    cs::Result<cs::DatasetMetadata> del = await(user.delete_dataset_async(pool, id, a));
    CHECK(del && del.value().dataset_name == a);
    CHECK_OK(user.delete_dataset(pool, id, b));
    // Service error: it is gone.
    cs::Result<cs::DatasetMetadata> gone = user.describe_dataset(pool, id, a);
    CHECK(!gone &&
          is_service_error(gone.error(), COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, "ResourceNotFoundException", 404));
    cs::Result<cs::DatasetMetadata> gone2 = await(user.delete_dataset_async(pool, id, a));
    CHECK(!gone2 && gone2.status() == COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND);
    cs::Result<cs::ListDatasetsOutput> none = user.list_datasets(pool, id);
    CHECK(none && std::none_of(none.value().datasets.begin(), none.value().datasets.end(),
                               [&](const cs::DatasetMetadata &m) { return m.dataset_name == a || m.dataset_name == b; }));
}

// DescribeIdentityUsage, DescribeIdentityPoolUsage, ListIdentityPoolUsage.
void usage(const cs::Client &dev, const cs::Client &user, const std::string &pool, const std::string &id) {
    write_one(user, pool, id, unique_name("usage"));
    cs::Result<cs::IdentityUsage> u1 = user.describe_identity_usage(pool, id);
    CHECK(u1 && u1.value().identity_id == id && u1.value().identity_pool_id == pool);
    CHECK(u1 && u1.value().dataset_count >= 1 && u1.value().data_storage > 0 && u1.value().last_modified_date > 0);
    cs::Result<cs::IdentityUsage> u2 = await(user.describe_identity_usage_async(pool, id));
    CHECK(u2 && u2.value().dataset_count == u1.value().dataset_count);

    cs::Result<cs::IdentityPoolUsage> p1 = dev.describe_identity_pool_usage(pool);
    CHECK(p1 && p1.value().identity_pool_id == pool && p1.value().data_storage > 0 &&
          p1.value().sync_sessions_count >= 0 && p1.value().last_modified_date > 0);
    cs::Result<cs::IdentityPoolUsage> p2 = await(dev.describe_identity_pool_usage_async(pool));
    CHECK(p2 && p2.value().identity_pool_id == pool);

    // Every pool, one per page (blocking first page, then non-blocking).
    int found = 0, pages = 0;
    std::optional<std::string> token;
    do {
        cs::Result<cs::ListIdentityPoolUsageOutput> page =
            pages == 0 ? dev.list_identity_pool_usage(std::nullopt, 1)
                       : await(dev.list_identity_pool_usage_async(std::string_view(*token), 1));
        CHECK_OK(page);
        if (!page) break;
        pages++;
        CHECK(page.value().max_results == 1 && page.value().count == (int32_t)page.value().usages.size());
        for (const cs::IdentityPoolUsage &u : page.value().usages) found += u.identity_pool_id == pool;
        token = page.value().next_token;
    } while (token && pages < 30);
    CHECK(found == 1 && pages >= 2);

    // Service errors: an identity the service never saw, a pool that does not
    // exist, a developer-only call with Cognito credentials.
    cs::Result<cs::IdentityUsage> e1 =
        dev.describe_identity_usage(pool, "us-east-1:00000000-0000-4000-8000-00000000dead");
    CHECK(!e1 && is_service_error(e1.error(), COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, "ResourceNotFoundException", 404));
    cs::Result<cs::IdentityPoolUsage> e2 = await(dev.describe_identity_pool_usage_async(unknown_pool));
    CHECK(!e2 && e2.status() == COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND);
    cs::Result<cs::ListIdentityPoolUsageOutput> e3 = user.list_identity_pool_usage();
    CHECK(!e3 && is_service_error(e3.error(), COGNITO_SYNC_STATUS_NOT_AUTHORIZED, "NotAuthorizedException", 403));
}

// Get/SetIdentityPoolConfiguration, Get/SetCognitoEvents, RegisterDevice,
// (Un)SubscribeToDataset, BulkPublish and GetBulkPublishDetails.
void pool_features(const cs::Client &dev, const cs::Client &user, const std::string &pool, const std::string &id) {
    // Before the pool is configured: push sync and bulk publish are refused.
    cs::Result<std::string> no_push = user.register_device(pool, id, "GCM", "push-token-1");
    CHECK(!no_push && is_service_error(no_push.error(), COGNITO_SYNC_STATUS_INVALID_CONFIGURATION,
                                       "InvalidConfigurationException", 400));
    cs::Result<std::string> no_stream = await(dev.bulk_publish_async(pool));
    CHECK(!no_stream && is_service_error(no_stream.error(), COGNITO_SYNC_STATUS_INVALID_PARAMETER,
                                         "InvalidParameterException", 400));
    cs::Result<cs::BulkPublishDetails> never = dev.get_bulk_publish_details(pool);
    CHECK(never && never.value().identity_pool_id == pool && !never.value().start_time &&
          never.value().status != std::optional<std::string>("SUCCEEDED"));

    cs::Result<cs::IdentityPoolConfiguration> bare = dev.get_identity_pool_configuration(pool);
    CHECK(bare && bare.value().identity_pool_id == pool && !bare.value().push_sync && !bare.value().cognito_streams);
    cs::Result<cs::IdentityPoolConfiguration> nopool = await(dev.get_identity_pool_configuration_async(unknown_pool));
    CHECK(!nopool && is_service_error(nopool.error(), COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND,
                                      "ResourceNotFoundException", 404));

    const std::string arn = "arn:aws:sns:us-east-1:123456789012:app/GCM/game";
    cs::SetIdentityPoolConfigurationRequest set;
    set.identity_pool_id = pool;
    set.push_sync = cs::PushSyncInput{std::vector<std::string>{arn}, std::string("arn:aws:iam::123456789012:role/push")};
    set.cognito_streams = cs::CognitoStreams{std::string("game-stream"), std::string("arn:aws:iam::123456789012:role/streams"),
                                             std::string("ENABLED")};
    cs::Result<cs::IdentityPoolConfiguration> now = dev.set_identity_pool_configuration(set);
    CHECK_OK(now);
    CHECK(now && now.value().identity_pool_id == pool && now.value().push_sync &&
          now.value().push_sync->application_arns == std::vector<std::string>{arn} &&
          now.value().push_sync->role_arn == std::optional<std::string>("arn:aws:iam::123456789012:role/push"));
    CHECK(now && now.value().cognito_streams && now.value().cognito_streams->stream_name == std::optional<std::string>("game-stream") &&
          now.value().cognito_streams->streaming_status == std::optional<std::string>("ENABLED"));
    // Non-blocking set: only the role changes, the rest is kept.
    cs::SetIdentityPoolConfigurationRequest role_only;
    role_only.identity_pool_id = pool;
    role_only.push_sync = cs::PushSyncInput{std::nullopt, std::string("arn:aws:iam::123456789012:role/push2")};
    cs::Result<cs::IdentityPoolConfiguration> now2 = await(dev.set_identity_pool_configuration_async(role_only));
    CHECK(now2 && now2.value().push_sync && now2.value().push_sync->application_arns.size() == 1 &&
          now2.value().push_sync->role_arn == std::optional<std::string>("arn:aws:iam::123456789012:role/push2"));
    cs::Result<cs::IdentityPoolConfiguration> got = await(dev.get_identity_pool_configuration_async(pool));
    CHECK(got && got.value().cognito_streams && got.value().cognito_streams->role_arn ==
                                                    std::optional<std::string>("arn:aws:iam::123456789012:role/streams"));
    cs::SetIdentityPoolConfigurationRequest bad_status = set;
    bad_status.identity_pool_id = unknown_pool;
    cs::Result<cs::IdentityPoolConfiguration> refused = dev.set_identity_pool_configuration(bad_status);
    CHECK(!refused && refused.status() == COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND);

    // Cognito events.
    const std::string lambda = "arn:aws:lambda:us-east-1:123456789012:function:f";
    cs::Result<cs::Unit> wrong = dev.set_cognito_events(pool, {cs::CognitoEvent{"NotAnEvent", lambda}});
    CHECK(!wrong &&
          is_service_error(wrong.error(), COGNITO_SYNC_STATUS_INVALID_PARAMETER, "InvalidParameterException", 400));
    CHECK_OK(await(dev.set_cognito_events_async(pool, {cs::CognitoEvent{"SyncTrigger", lambda}})));
    cs::Result<std::vector<cs::CognitoEvent>> ev = dev.get_cognito_events(pool);
    CHECK((ev && ev.value() == std::vector<cs::CognitoEvent>{cs::CognitoEvent{"SyncTrigger", lambda}}));
    CHECK_OK(dev.set_cognito_events(pool, {cs::CognitoEvent{"SyncTrigger", ""}})); // removes it
    cs::Result<std::vector<cs::CognitoEvent>> ev2 = await(dev.get_cognito_events_async(pool));
    CHECK(ev2 && ev2.value().empty());
    cs::Result<std::vector<cs::CognitoEvent>> ev3 = user.get_cognito_events(pool);
    CHECK(!ev3 && ev3.status() == COGNITO_SYNC_STATUS_NOT_AUTHORIZED);

    // Push sync: a stable device id per token; subscriptions need the dataset.
    cs::Result<std::string> device = user.register_device(pool, id, "GCM", "push-token-1");
    CHECK(device && !device.value().empty());
    cs::Result<std::string> same = await(user.register_device_async(pool, id, "GCM", "push-token-1"));
    CHECK(same && device && same.value() == device.value());
    const std::string dev_id = device ? device.value() : "none";
    const std::string dataset = unique_name("push");
    cs::Result<cs::Unit> missing = user.subscribe_to_dataset(pool, id, dataset, dev_id);
    CHECK(!missing &&
          is_service_error(missing.error(), COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND, "ResourceNotFoundException", 404));
    write_one(user, pool, id, dataset);
    CHECK_OK(user.subscribe_to_dataset(pool, id, dataset, dev_id));
    CHECK_OK(await(user.unsubscribe_from_dataset_async(pool, id, dataset, dev_id)));
    CHECK_OK(await(user.subscribe_to_dataset_async(pool, id, dataset, dev_id)));
    CHECK_OK(user.unsubscribe_from_dataset(pool, id, dataset, dev_id));
    cs::Result<cs::Unit> dev_sub = await(dev.subscribe_to_dataset_async(pool, id, dataset, dev_id));
    CHECK(!dev_sub && dev_sub.status() == COGNITO_SYNC_STATUS_NOT_AUTHORIZED); // Cognito credentials only
    cs::Result<cs::Unit> dev_unsub = dev.unsubscribe_from_dataset(pool, id, dataset, dev_id);
    CHECK(!dev_unsub && dev_unsub.status() == COGNITO_SYNC_STATUS_NOT_AUTHORIZED);

    // Bulk publish, now that streaming is on: one at a time, then it completes.
    cs::Result<std::string> published = await(dev.bulk_publish_async(pool));
    CHECK(published && published.value() == pool);
    cs::Result<std::string> twice = dev.bulk_publish(pool);
    CHECK(!twice && is_service_error(twice.error(), COGNITO_SYNC_STATUS_DUPLICATE_REQUEST,
                                     "DuplicateRequestException", 400));
    bool done = false;
    for (int i = 0; i < 200 && !done; i++) {
        cs::Result<cs::BulkPublishDetails> d =
            i % 2 ? dev.get_bulk_publish_details(pool) : await(dev.get_bulk_publish_details_async(pool));
        CHECK_OK(d);
        if (!d) break;
        CHECK(d.value().start_time > 0 && !d.value().failure_message);
        if (d.value().status == std::optional<std::string>("SUCCEEDED")) {
            done = true;
            CHECK(d.value().complete_time >= d.value().start_time);
        } else {
            CHECK(d.value().status == std::optional<std::string>("IN_PROGRESS"));
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    CHECK(done);
    cs::Result<std::string> streamed = dev.bulk_publish(pool);
    CHECK(!streamed && is_service_error(streamed.error(), COGNITO_SYNC_STATUS_ALREADY_STREAMED,
                                        "AlreadyStreamedException", 400));
}

} // namespace

void test_operations() {
    cs::Client dev = dev_client();
    cs::Client user = identity_client();
    const std::string pool = test_pool();
    cs::Result<std::string> id = user.identity_id();
    CHECK_OK(id);
    if (!id) return;
    records(user, pool, id.value());
    datasets(user, pool, id.value());
    usage(dev, user, pool, id.value());
    pool_features(dev, user, pool, id.value());
}
