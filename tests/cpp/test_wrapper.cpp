// The C++ wrapper against the emulator (CS_TEST_ENDPOINT, CS_TEST_POOL), built
// with and without exceptions.
#include "cognito_sync.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>

namespace cs = cognito_sync;

static int passed = 0, failed = 0;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            passed++;                                                                              \
        } else {                                                                                   \
            failed++;                                                                              \
            std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
        }                                                                                          \
    } while (0)

static std::string env(const char *name) {
    const char *v = std::getenv(name);
    return v ? v : "";
}

static cs::Client make_client(const std::string &endpoint, const std::string &pool) {
    cs::Result<cs::Config> config = cs::Config::create();
    CHECK(config.ok());
    CHECK(config.value().region("us-east-1").ok());
    CHECK(config.value().connect_timeout_ms(5000).ok());
    CHECK(config.value().call_timeout_ms(30000).ok());
    CHECK(config.value().static_credentials("test", "test").ok());
    CHECK(config.value().endpoint_url(endpoint).ok());
    CHECK(config.value().cognito_identity(pool).ok());
    cs::Result<cs::Client> client = cs::Client::create(config.value());
    CHECK(client.ok());
    return std::move(client).value();
}

int main() {
    static_assert(!std::is_copy_constructible_v<cs::Client>, "Client is move-only");
    static_assert(!std::is_copy_constructible_v<cs::Pending<std::string>>, "Pending is move-only");
    std::string endpoint = env("CS_TEST_ENDPOINT"), pool = env("CS_TEST_POOL");
    CHECK(!cs::version().empty());

    // A bad config value is an error object, not a crash.
    cs::Result<cs::Config> bad = cs::Config::create();
    cs::Status st = bad.value().max_attempts(0);
    CHECK(!st.ok());
    CHECK(st.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK(!st.ok() && !st.error().message.empty());
    CHECK(bad.value().region("us-east-1").ok());

    // Logging to a C++ sink (no secret ever reaches it).
    int log_lines = 0;
    CHECK(cs::set_log_sink([&log_lines](cognito_sync_log_level, std::string_view, std::string_view) { log_lines++; },
                           COGNITO_SYNC_LOG_LEVEL_TRACE)
              .ok());
    cs::Client client = make_client(endpoint, pool);
    cs::Result<std::string> id = client.identity_id();
    CHECK(id.ok() && !id.value().empty());

    // Non-blocking identity id, polled as a frame loop would.
    cs::Result<cs::Pending<std::string>> pid = client.identity_id_async();
    CHECK(pid.ok());
    cs::Pending<std::string> p = std::move(pid).value();
    for (int frame = 0; frame < 5000 && !p.ready(); frame++) p.wait(1);
    cs::Result<std::string> id2 = p.take();
    CHECK(id2.ok() && id2.value() == id.value());
    CHECK(!p.take().ok()); // a second take is refused

    cs::ListRecordsRequest lr{pool, id.value(), "cpp_wrapper", std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    cs::Result<cs::ListRecordsOutput> first = client.list_records(lr);
    CHECK(first.ok());
    CHECK(first.ok() && first.value().sync_session_token.has_value());

    cs::UpdateRecordsRequest ur;
    ur.identity_pool_id = pool;
    ur.identity_id = id.value();
    ur.dataset_name = "cpp_wrapper";
    ur.sync_session_token = first.ok() ? first.value().sync_session_token.value_or("") : "";
    ur.patches.push_back(cs::RecordPatch{false, "level", "7", 0});
    cs::Result<std::vector<cs::Record>> up = client.update_records(ur);
    CHECK(up.ok() && up.value().size() == 1 && up.value()[0].value == std::optional<std::string>("7"));

    cs::Result<cs::Pending<cs::ListRecordsOutput>> pl = client.list_records_async(lr);
    CHECK(pl.ok());
    cs::Pending<cs::ListRecordsOutput> plp = std::move(pl).value();
    CHECK(plp.wait(10000));
    cs::Result<cs::ListRecordsOutput> second = plp.take();
    CHECK(second.ok() && second.value().records.size() == 1 && second.value().records[0].key == "level");

    // Non-blocking UpdateRecords with the new session token.
    {
        cs::UpdateRecordsRequest u2 = ur;
        u2.sync_session_token = second.ok() ? second.value().sync_session_token.value_or("") : "";
        u2.patches = {cs::RecordPatch{false, "level", "8", 1}};
        cs::Result<cs::Pending<std::vector<cs::Record>>> pu = client.update_records_async(u2);
        CHECK(pu.ok() && pu.value().wait(10000));
        cs::Result<std::vector<cs::Record>> done = pu.value().take();
        CHECK(done.ok() && done.value().size() == 1 && done.value()[0].sync_count == 2);
    }

    // A service error keeps its code and HTTP status.
    ur.sync_session_token = "not-a-session-token";
    cs::Result<std::vector<cs::Record>> err = client.update_records(ur);
    CHECK(!err.ok() && err.error().http_status >= 400 && !err.error().code.empty());


    // Dataset metadata: describe (blocking and non-blocking), list, delete.
    {
        cs::Result<cs::DatasetMetadata> md = client.describe_dataset(pool, id.value(), "cpp_wrapper");
        CHECK(md.ok() && md.value().dataset_name == "cpp_wrapper" && md.value().num_records == std::optional<int64_t>(1));
        cs::Result<cs::Pending<cs::DatasetMetadata>> pm = client.describe_dataset_async(pool, id.value(), "cpp_wrapper");
        CHECK(pm.ok() && pm.value().wait(10000));
        cs::Result<cs::DatasetMetadata> md2 = pm.value().take();
        CHECK(md2.ok() && md2.value().identity_id == id.value());
        cs::Result<cs::Pending<cs::ListDatasetsOutput>> pls = client.list_datasets_async(pool, id.value());
        CHECK(pls.ok() && pls.value().wait(10000));
        cs::Result<cs::ListDatasetsOutput> ls = pls.value().take();
        CHECK(ls.ok() && ls.value().datasets.size() == 1);
        cs::Result<cs::DatasetMetadata> del = client.delete_dataset(pool, id.value(), "cpp_wrapper");
        CHECK(del.ok() && del.value().dataset_name == "cpp_wrapper");
        cs::Result<cs::DatasetMetadata> none = client.describe_dataset(pool, id.value(), "cpp_wrapper");
        CHECK(!none.ok() && none.status() == COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND && none.error().http_status == 404);
        cs::Result<cs::ListDatasetsOutput> ls2 = client.list_datasets(pool, id.value());
        CHECK(ls2.ok() && ls2.value().datasets.empty());
    }

    // The sync manager: two devices of one identity converge, a C++ resolver merging.
    {
        std::string dir = env("CS_TEST_TMP");
        int resolved = 0;
        auto resolver = [&resolved](cs::Conflict &c) {
            resolved++;
            std::string l = c.local_value().value_or("0"), r = c.remote_value().value_or("0");
            std::string best = std::stoi(l) > std::stoi(r) ? l : r;
            return c.set_value(best).ok() ? cs::Resolution::UseValue : cs::Resolution::Abort;
        };
        cs::Result<cs::Manager> ma = cs::Manager::create(client, {pool, id.value(), dir + "/a.db", "device-a", resolver});
        cs::Result<cs::Manager> mb = cs::Manager::create(client, {pool, id.value(), dir + "/b.db", "device-b", resolver});
        CHECK(ma.ok() && mb.ok());
        cs::Manager a = std::move(ma).value();
        cs::Manager moved = std::move(mb).value();
        cs::Manager b = std::move(moved); // moving keeps the resolver alive
        cs::Result<cs::Dataset> da = a.open_dataset("cpp_game");
        cs::Result<cs::Dataset> db = b.open_dataset("cpp_game");
        CHECK(da.ok() && db.ok());
        CHECK(da.value().put("score", "1").ok());
        CHECK(da.value().put("tmp", "x").ok());
        CHECK(da.value().remove("tmp").ok());
        cs::Result<std::optional<std::string>> gone = da.value().get("tmp");
        CHECK(gone.ok() && !gone.value().has_value());
        cs::Result<cs::SyncReport> r1 = da.value().synchronize();
        CHECK(r1.ok() && r1.value().pushed >= 1);
        cs::Result<cs::SyncReport> r2 = db.value().synchronize();
        CHECK(r2.ok());
        cs::Result<std::optional<std::string>> got = db.value().get("score");
        CHECK(got.ok() && got.value() == std::optional<std::string>("1"));

        cs::Result<uint64_t> n = db.value().count();
        CHECK(n.ok() && n.value() == 1);
        CHECK(da.value().put("score", "10").ok());
        cs::Result<bool> dirty = da.value().has_unsynced_changes();
        CHECK(dirty.ok() && dirty.value());
        CHECK(db.value().put("score", "20").ok());
        CHECK(da.value().synchronize().ok());
        // Non-blocking synchronize, polled once per "frame".
        cs::Result<cs::Pending<cs::SyncReport>> pend = db.value().synchronize_async();
        CHECK(pend.ok());
        cs::Pending<cs::SyncReport> ps = std::move(pend).value();
        int frames = 0;
        while (!ps.ready() && frames < 10000) {
            ps.wait(1);
            frames++;
        }
        cs::Result<cs::SyncReport> r3 = ps.take();
        CHECK(r3.ok() && r3.value().conflicts == 1);
        CHECK(resolved == 1);
        CHECK(da.value().synchronize().ok());
        cs::Result<std::vector<std::pair<std::string, std::string>>> all_a = da.value().get_all();
        cs::Result<std::vector<std::pair<std::string, std::string>>> all_b = db.value().get_all();
        CHECK(all_a.ok() && all_b.ok() && all_a.value() == all_b.value());
        CHECK(all_a.ok() && all_a.value().size() == 1 && all_a.value()[0].second == "20");

        // Events, polled as a frame loop would: B saw its synchronize succeed.
        bool saw_success = false;
        for (int i = 0; i < 1000; i++) {
            cs::Result<std::optional<cs::Event>> ev = b.poll_event();
            CHECK(ev.ok());
            if (!ev.ok() || !ev.value()) break;
            if (ev.value()->kind == COGNITO_SYNC_EVENT_KIND_SYNC_SUCCEEDED && ev.value()->dataset == std::optional<std::string>("cpp_game"))
                saw_success = true;
        }
        CHECK(saw_success);
        cs::Result<std::string> mid = a.identity_id();
        CHECK(mid.ok() && mid.value() == id.value());
        cs::Result<std::vector<std::string>> names = a.list_datasets();
        CHECK(names.ok() && names.value() == std::vector<std::string>{"cpp_game"});
        // Switching identity: the old handle is refused afterwards.
        cs::Result<std::vector<std::string>> moved_sets = a.switch_identity("us-east-1:00000000-0000-4000-8000-0000000000cc", cs::IdentitySwitch::KeepSeparate);
        CHECK(moved_sets.ok() && moved_sets.value().empty());
        cs::Result<std::optional<std::string>> stale = da.value().get("score");
        CHECK(!stale.ok() && stale.status() == COGNITO_SYNC_STATUS_IDENTITY_CHANGED);
    }

#if defined(__cpp_exceptions)
    bool threw = false;
    try {
        (void)std::move(err).value_or_throw();
    } catch (const cs::Exception &e) {
        threw = e.error().http_status >= 400;
    }
    CHECK(threw);
#endif

    CHECK(log_lines > 0);
    CHECK(cs::set_log_sink(nullptr, COGNITO_SYNC_LOG_LEVEL_OFF).ok());
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
