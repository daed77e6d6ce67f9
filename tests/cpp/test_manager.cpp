// The sync manager through the wrapper: two devices converging through a C++
// resolver, reports, events, full resync, local deletion, synchronize-all,
// refresh, the deleted and merged handlers, policies, wipe, identity switch.
#include "harness.hpp"

#include <algorithm>
#include <mutex>

namespace {

bool has(const std::vector<std::string> &v, const std::string &s) { return std::find(v.begin(), v.end(), s) != v.end(); }

cs::Manager device(const cs::Client &client, const std::string &id, const char *device_id,
                   std::function<cs::Resolution(cs::Conflict &)> resolver = {},
                   cs::ConflictPolicy policy = cs::ConflictPolicy::LastWriterWins) {
    cs::ManagerOptions o{test_pool(), id, "", std::string(device_id), std::move(resolver), policy};
    cs::Result<cs::Manager> m = cs::Manager::create(client, std::move(o));
    CHECK_OK(m);
    if (!m) std::exit(1);
    return std::move(m).value();
}

cs::Dataset open(const cs::Manager &m, const std::string &name) {
    cs::Result<cs::Dataset> d = m.open_dataset(name);
    CHECK_OK(d);
    if (!d) std::exit(1);
    return std::move(d).value();
}

// Drains a manager's events.
std::vector<cs::Event> drain(const cs::Manager &m) {
    std::vector<cs::Event> out;
    for (int i = 0; i < 10000; i++) {
        cs::Result<std::optional<cs::Event>> ev = m.poll_event();
        CHECK_OK(ev);
        if (!ev || !ev.value()) break;
        out.push_back(std::move(*ev.value()));
    }
    return out;
}

// What the resolver saw, written on a library thread.
struct Seen {
    std::mutex mu;
    int calls = 0;
    std::string identity, dataset, key;
    int64_t local_count = -2, remote_count = -2;
    std::optional<int64_t> local_device_time, remote_time;
    std::optional<std::string> remote_by;
};

// Two devices of one identity converge, a C++ resolver merging (on files).
void two_devices(const cs::Client &client, const std::string &id) {
    std::string dir = env("CS_TEST_TMP");
    auto seen = std::make_shared<Seen>();
    auto resolver = [seen](cs::Conflict &c) {
        std::lock_guard<std::mutex> lock(seen->mu);
        seen->calls++;
        seen->identity = c.identity_id();
        seen->dataset = c.dataset();
        seen->key = c.key();
        seen->local_count = c.sync_count(true);
        seen->remote_count = c.sync_count(false);
        seen->local_device_time = c.device_last_modified(true);
        seen->remote_time = c.remote_last_modified();
        seen->remote_by = c.remote_last_modified_by();
        (void)c.device_last_modified(false);
        std::string l = c.local_value().value_or("0"), r = c.remote_value().value_or("0");
        std::string best = std::stoi(l) > std::stoi(r) ? l : r;
        return c.set_value(best).ok() ? cs::Resolution::UseValue : cs::Resolution::Abort;
    };
    const std::string pool = test_pool();
    cs::Result<cs::Manager> ma =
        cs::Manager::create(client, {pool, id, dir + "/a.db", std::string("device-a"), resolver});
    cs::Result<cs::Manager> mb =
        cs::Manager::create(client, {pool, id, dir + "/b.db", std::string("device-b"), resolver});
    CHECK(ma.ok() && mb.ok());
    if (!ma || !mb) return;
    cs::Manager a = std::move(ma).value();
    cs::Manager moved = std::move(mb).value();
    cs::Manager b = std::move(moved); // moving keeps the resolver alive
    cs::Result<cs::Manager> spare = cs::Manager::create_local({pool, id, "", std::nullopt, resolver});
    CHECK_OK(spare);
    if (spare) {
        spare.value() = std::move(b); // move-assigning frees the spare first
        b = std::move(spare).value();
    }
    cs::Dataset da = open(a, "cpp_game");
    cs::Dataset db = open(b, "cpp_game");
    CHECK_OK(da.put("score", "1"));
    CHECK_OK(da.put("tmp", "x"));
    CHECK_OK(da.remove("tmp"));
    cs::Result<std::optional<std::string>> gone = da.get("tmp");
    CHECK(gone.ok() && !gone.value().has_value());
    cs::Result<uint64_t> size = da.size_in_bytes();
    CHECK(size && size.value() == 6); // "score" + "1"
    cs::Result<cs::SyncReport> r1 = da.synchronize();
    CHECK_OK(r1);
    CHECK(r1 && r1.value().pushed >= 1 && r1.value().dataset == "cpp_game" && r1.value().identity_id == id &&
          r1.value().sync_id > 0 && r1.value().attempts == 1 && r1.value().requests >= 2 &&
          r1.value().last_sync_count >= 1 && !r1.value().deleted && !r1.value().coalesced &&
          r1.value().merged_datasets.empty());
    cs::Result<cs::SyncReport> r2 = db.synchronize();
    CHECK(r2 && has(r2.value().changed_keys, "score"));
    cs::Result<std::optional<std::string>> got = db.get("score");
    CHECK(got.ok() && got.value() == std::optional<std::string>("1"));

    cs::Result<uint64_t> n = db.count();
    CHECK(n.ok() && n.value() == 1);
    CHECK_OK(da.put("score", "10"));
    cs::Result<bool> dirty = da.has_unsynced_changes();
    CHECK(dirty.ok() && dirty.value());
    CHECK_OK(db.put("score", "20"));
    CHECK_OK(da.synchronize());
    // Non-blocking synchronize, polled once per "frame".
    cs::Result<cs::Pending<cs::SyncReport>> pend = db.synchronize_async();
    CHECK_OK(pend);
    if (!pend) return;
    cs::Pending<cs::SyncReport> ps = std::move(pend).value();
    CHECK(ps.name() == "dataset_synchronize");
    for (int frames = 0; !ps.ready() && frames < 10000; frames++) ps.wait(1);
    cs::Result<cs::SyncReport> r3 = ps.take();
    CHECK(r3.ok() && r3.value().conflicts == 1);
    {
        std::lock_guard<std::mutex> lock(seen->mu);
        CHECK(seen->calls == 1 && seen->identity == id && seen->dataset == "cpp_game" && seen->key == "score");
        CHECK(seen->local_count == 1 && seen->remote_count == 2);
        CHECK(seen->local_device_time > 0 && seen->remote_time > 0 && seen->remote_by.has_value());
    }
    CHECK_OK(da.synchronize());
    cs::Result<std::vector<std::pair<std::string, std::string>>> all_a = da.get_all();
    cs::Result<std::vector<std::pair<std::string, std::string>>> all_b = db.get_all();
    CHECK(all_a.ok() && all_b.ok() && all_a.value() == all_b.value());
    CHECK(all_a.ok() && all_a.value().size() == 1 && all_a.value()[0].second == "20");

    // Events, polled as a frame loop would.
    bool saw_success = false, saw_progress = false, saw_change = false;
    for (const cs::Event &ev : drain(b)) {
        if (ev.kind == COGNITO_SYNC_EVENT_KIND_SYNC_SUCCEEDED && ev.dataset == std::optional<std::string>("cpp_game")) {
            saw_success = ev.report && ev.sync_id == ev.report->sync_id && ev.report->dataset == "cpp_game";
        }
        if (ev.kind == COGNITO_SYNC_EVENT_KIND_SYNC_PROGRESS)
            saw_progress = saw_progress || (ev.phase != COGNITO_SYNC_SYNC_PHASE_NONE && ev.sync_id.has_value());
        if (ev.kind == COGNITO_SYNC_EVENT_KIND_CHANGED && ev.source == COGNITO_SYNC_CHANGE_SOURCE_REMOTE)
            saw_change = saw_change || has(ev.keys, "score");
    }
    CHECK(saw_success && saw_progress && saw_change);

    // Full resync, blocking and non-blocking: nothing changes, both stay equal.
    cs::Result<cs::SyncReport> full = da.full_resync();
    CHECK(full && full.value().changed_keys.empty() && full.value().pushed == 0);
    cs::Result<cs::SyncReport> full2 = await(db.full_resync_async());
    CHECK(full2 && full2.value().dataset == "cpp_game");

    // Local deletion reaches the service with the next synchronize.
    CHECK_OK(da.delete_dataset());
    cs::Result<cs::SyncReport> del = da.synchronize();
    CHECK(del && del.value().deleted && !del.value().deleted_remotely);
    bool saw_deleted = false;
    for (const cs::Event &ev : drain(a))
        saw_deleted = saw_deleted ||
                      (ev.kind == COGNITO_SYNC_EVENT_KIND_DATASET_DELETED && ev.source == COGNITO_SYNC_CHANGE_SOURCE_LOCAL);
    CHECK(saw_deleted);
    cs::Result<cs::DatasetMetadata> on_service = client.describe_dataset(pool, id, "cpp_game");
    CHECK(!on_service && on_service.status() == COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND);

    cs::Result<std::string> mid = b.identity_id();
    CHECK(mid.ok() && mid.value() == id);
    // Switching identity: the old handle is refused afterwards.
    cs::Result<std::vector<std::string>> moved_sets =
        b.switch_identity("us-east-1:00000000-0000-4000-8000-0000000000cc", cs::IdentitySwitch::KeepSeparate);
    CHECK(moved_sets.ok() && moved_sets.value().empty());
    cs::Result<std::optional<std::string>> stale = db.get("score");
    CHECK(!stale.ok() && stale.status() == COGNITO_SYNC_STATUS_IDENTITY_CHANGED);
    bool saw_switch = false;
    for (const cs::Event &ev : drain(b))
        saw_switch = saw_switch || (ev.kind == COGNITO_SYNC_EVENT_KIND_IDENTITY_CHANGED &&
                                    ev.previous_identity_id == std::optional<std::string>(id));
    CHECK(saw_switch);
}

// Synchronize-all, refresh on a new device, the dataset-deleted handler.
void sync_all_and_handlers(const cs::Client &client, const std::string &id) {
    std::mutex mu; // declared before the manager that calls the handlers using them
    std::vector<std::string> deleted_calls;
    int merged_calls = 0;
    cs::Manager a = device(client, id, "dev-a");
    cs::Manager b = device(client, id, "dev-b");
    const std::string one = unique_name("all1"), two = unique_name("all2");
    CHECK_OK(a.set_dataset_deleted_handler([&](std::string_view identity, std::string_view dataset) {
        std::lock_guard<std::mutex> lock(mu);
        deleted_calls.push_back(std::string(identity) + "/" + std::string(dataset));
        return cs::DatasetDeletedAction::DeleteLocal;
    }));
    CHECK_OK(a.set_datasets_merged_handler(
        [&](std::string_view, std::string_view, const std::vector<std::string> &) { merged_calls++; }));
    cs::Dataset d1 = open(a, one), d2 = open(a, two);
    CHECK_OK(d1.put("k", "v1"));
    CHECK_OK(d2.put("k", "v2"));
    cs::Result<std::vector<std::string>> failed = a.synchronize_all();
    CHECK(failed && failed.value().empty());
    CHECK_OK(d2.put("k", "v2b"));
    cs::Result<cs::Pending<std::vector<std::string>>> pall = a.synchronize_all_async();
    CHECK(pall && pall.value().name() == "manager_synchronize_all");
    cs::Result<std::vector<std::string>> failed2 = await(std::move(pall));
    CHECK(failed2 && failed2.value().empty());

    // A new device learns both datasets from the service.
    cs::Result<std::vector<std::string>> names = b.refresh_datasets();
    CHECK(names && has(names.value(), one) && has(names.value(), two));
    CHECK_OK(b.synchronize_all());
    cs::Result<std::optional<std::string>> copy = open(b, two).get("k");
    CHECK(copy && copy.value() == std::optional<std::string>("v2b"));

    // Deleted on the service: the handler decides (delete locally too).
    CHECK_OK(client.delete_dataset(test_pool(), id, one));
    cs::Result<cs::SyncReport> r = d1.synchronize();
    CHECK(r && r.value().deleted_remotely);
    {
        std::lock_guard<std::mutex> lock(mu);
        CHECK(deleted_calls == std::vector<std::string>{id + "/" + one});
    }
    CHECK(merged_calls == 0);
    cs::Result<std::vector<std::string>> local = a.list_datasets();
    CHECK(local && !has(local.value(), one) && has(local.value(), two));
    // Removing the handlers is allowed.
    CHECK_OK(a.set_dataset_deleted_handler(nullptr));
    CHECK_OK(a.set_datasets_merged_handler(nullptr));

    // Wipe: every local dataset of every identity goes; the service keeps them.
    CHECK_OK(b.wipe());
    cs::Result<std::vector<std::string>> wiped = b.list_datasets();
    CHECK(wiped && wiped.value().empty());
    CHECK_OK(client.describe_dataset(test_pool(), id, two));

    // Offline: synchronize fails, and a SYNC_FAILED event carries the error.
    cs::Config offline_config = base_config();
    CHECK_OK(offline_config.static_credentials("test", "test"));
    CHECK_OK(offline_config.endpoint_url("http://127.0.0.1:1"));
    cs::Client offline = client_from(offline_config);
    cs::Manager m = device(offline, id, "dev-offline");
    cs::Dataset d = open(m, "offline");
    CHECK_OK(d.put("k", "v"));
    cs::Result<cs::SyncReport> refused = d.synchronize();
    CHECK(!refused && refused.status() == COGNITO_SYNC_STATUS_TRANSPORT);
    cs::Result<std::vector<std::string>> all_refused = m.synchronize_all();
    CHECK(!all_refused && all_refused.status() == COGNITO_SYNC_STATUS_TRANSPORT);
    bool saw_failed = false;
    for (int i = 0; i < 100 && !saw_failed; i++) {
        cs::Result<std::optional<cs::Event>> ev = m.wait_event(1000);
        CHECK_OK(ev);
        if (!ev || !ev.value()) break;
        saw_failed = ev.value()->kind == COGNITO_SYNC_EVENT_KIND_SYNC_FAILED && ev.value()->error &&
                     ev.value()->error->status == COGNITO_SYNC_STATUS_TRANSPORT && !ev.value()->report;
    }
    CHECK(saw_failed);
    drain(m);
    cs::Result<std::optional<cs::Event>> quiet = m.wait_event(10);
    CHECK(quiet && !quiet.value()); // a timeout is no event, not an error
}

// Built-in policies, and a local-only store.
void policies_and_local(const cs::Client &client, const std::string &id) {
    const std::string name = unique_name("policy");
    cs::Manager a = device(client, id, "p-a");
    cs::Manager b = device(client, id, "p-b", {}, cs::ConflictPolicy::RemoteWins);
    cs::Dataset da = open(a, name), db = open(b, name);
    CHECK_OK(da.put("k", "a"));
    CHECK_OK(db.put("k", "b"));
    CHECK_OK(da.synchronize());
    cs::Result<cs::SyncReport> r = db.synchronize();
    CHECK(r && r.value().conflicts == 1);
    cs::Result<std::optional<std::string>> v = db.get("k");
    CHECK(v && v.value() == std::optional<std::string>("a")); // the service's version won

    cs::Result<cs::Manager> local = cs::Manager::create_local({test_pool(), id, "", std::nullopt, {}});
    CHECK_OK(local);
    if (!local) return;
    cs::Dataset ld = open(local.value(), "offline_only");
    CHECK_OK(ld.put("k", "v"));
    cs::Status cut = ld.put("k", std::string_view("v\0w", 3)); // would be cut to "v" by a C string
    CHECK(!cut && cut.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK(ld.get(std::string_view("k\0", 2)).status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    cs::Result<cs::SyncReport> no_client = ld.synchronize();
    CHECK(!no_client && no_client.status() == COGNITO_SYNC_STATUS_VALIDATION);
    // Moving data to another identity.
    cs::Result<std::vector<std::string>> moved =
        local.value().switch_identity("us-east-1:00000000-0000-4000-8000-0000000000dd", cs::IdentitySwitch::MoveData);
    CHECK(moved && moved.value() == std::vector<std::string>{"offline_only"});
    cs::Result<std::optional<std::string>> kept = open(local.value(), "offline_only").get("k");
    CHECK(kept && kept.value() == std::optional<std::string>("v"));
}

// An identity merge (two logins) reported to the merged handler, in the
// report and as an event. Also exercises Cognito logins in the config.
void merged_identities() {
    const std::string alice_token = unique_name("alice"), bob_token = unique_name("bob");
    auto login_client = [](std::vector<std::pair<std::string, std::string>> logins) {
        cs::Config config = base_config();
        CHECK_OK(config.cognito_identity(test_pool()));
        for (const auto &l : logins) CHECK_OK(config.cognito_login(l.first, l.second));
        return client_from(config);
    };
    cs::Client alice = login_client({{"provider.one", alice_token}});
    cs::Client bob = login_client({{"provider.two", bob_token}});
    cs::Result<std::string> a_id = alice.identity_id(), b_id = bob.identity_id();
    CHECK(a_id && b_id && a_id.value() != b_id.value());
    if (!a_id || !b_id) return;
    write_record(alice, test_pool(), a_id.value(), "save", "level", "10");
    write_record(bob, test_pool(), b_id.value(), "save", "level", "3");
    cs::Client both = login_client({{"provider.one", alice_token}, {"provider.two", bob_token}});
    cs::Result<std::string> merged_id = both.identity_id();
    CHECK(merged_id && merged_id.value() == a_id.value());

    std::mutex mu; // declared before the manager that calls the handler using them
    std::vector<std::string> told;
    cs::Manager m = device(alice, a_id.value(), "merge");
    CHECK_OK(m.set_datasets_merged_handler(
        [&](std::string_view identity, std::string_view dataset, const std::vector<std::string> &merged) {
            std::lock_guard<std::mutex> lock(mu);
            told.push_back(std::string(identity) + "/" + std::string(dataset));
            told.insert(told.end(), merged.begin(), merged.end());
        }));
    const std::string merged_name = "save." + b_id.value();
    cs::Result<cs::SyncReport> r = open(m, "save").synchronize();
    CHECK(r && r.value().merged_datasets == std::vector<std::string>{merged_name});
    {
        std::lock_guard<std::mutex> lock(mu);
        CHECK((told == std::vector<std::string>{a_id.value() + "/save", merged_name}));
    }
    bool saw = false;
    for (const cs::Event &ev : drain(m))
        saw = saw || (ev.kind == COGNITO_SYNC_EVENT_KIND_DATASETS_MERGED && ev.keys == std::vector<std::string>{merged_name});
    CHECK(saw);
}

// A dataset that outlives its manager: its synchronize is cancelled and the
// manager's resolver (freed with it) is never called (ASan checks).
void dataset_outlives_manager(const cs::Client &client, const std::string &id) {
    const std::string name = unique_name("outlive");
    auto calls = std::make_shared<int>(0);
    std::optional<cs::Dataset> kept;
    {
        cs::Manager other = device(client, id, "o-1");
        cs::Dataset o = open(other, name);
        CHECK_OK(o.put("k", "remote"));
        CHECK_OK(o.synchronize());
        cs::Manager m = device(client, id, "o-2", [calls](cs::Conflict &) {
            ++*calls;
            return cs::Resolution::KeepLocal;
        });
        kept.emplace(open(m, name));
        CHECK_OK(kept->put("k", "local"));
    }
    cs::Result<std::optional<std::string>> local = kept->get("k");
    CHECK(local && local.value() == std::optional<std::string>("local"));
    cs::Result<cs::SyncReport> r = kept->synchronize();
    CHECK(!r && r.status() == COGNITO_SYNC_STATUS_CANCELLED && *calls == 0);
}

} // namespace

void test_manager() {
    cs::Client client = identity_client();
    cs::Result<std::string> id = client.identity_id();
    CHECK_OK(id);
    if (!id) return;
    two_devices(client, id.value());
    sync_all_and_handlers(client, id.value());
    policies_and_local(client, id.value());
    dataset_outlives_manager(client, id.value());
    merged_identities();
}
