// Engine controls (worker threads, host dispatch), completion callbacks,
// cancellation, the config's credential sources, logging and the small
// process-wide functions.
#include "harness.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>
#if defined(__linux__)
#include <dirent.h>
#endif

namespace {

#if defined(__linux__)
// Threads of this process named `name` (Linux: /proc/self/task/*/comm).
int threads_named(const std::string &name) {
    int n = 0;
    DIR *dir = opendir("/proc/self/task");
    if (!dir) return -1;
    while (dirent *e = readdir(dir)) {
        if (e->d_name[0] == '.') continue;
        std::ifstream comm(std::string("/proc/self/task/") + e->d_name + "/comm");
        std::string line;
        std::getline(comm, line);
        n += line == name;
    }
    closedir(dir);
    return n;
}
#endif

// A host allocator for the refusal checks (never installed: the library has started).
void *host_alloc(void *, size_t size, size_t) { return std::malloc(size); }
void *host_realloc(void *, void *ptr, size_t, size_t new_size, size_t) { return std::realloc(ptr, new_size); }
void host_free(void *, void *ptr, size_t, size_t) { std::free(ptr); }

// main() set 2 worker threads before anything started the runtime.
void worker_threads(const cs::Client &dev) {
    CHECK_OK(dev.describe_identity_pool_usage(test_pool())); // the runtime runs
#if defined(__linux__)
    CHECK(threads_named("cognito-sync-wo") == 2); // comm is cut at 15 characters
#endif
    cs::Status late = cs::set_worker_threads(3);
    CHECK(!late && late.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT && !late.error().message.empty());
    cs::Status zero = cs::set_worker_threads(0);
    CHECK(!zero && zero.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    // The allocator hook is refused once the library started (tests/c/test_allocator.c
    // runs a whole process under a host allocator), and a missing function is named.
    cs::Status alloc_late = cs::set_allocator(host_alloc, host_realloc, host_free);
    CHECK(!alloc_late && alloc_late.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT &&
          !alloc_late.error().message.empty());
    cs::Status alloc_null = cs::set_allocator(host_alloc, nullptr, host_free);
    CHECK(!alloc_null && alloc_null.status() == COGNITO_SYNC_STATUS_NULL_ARGUMENT);
}

// Host dispatch: callbacks wait for Client::dispatch and run on its thread.
void host_dispatch(const cs::Client &plain) {
    cs::Config config = base_config();
    CHECK_OK(config.static_credentials("test", "test"));
    CHECK_OK(config.host_dispatch(true));
    cs::Client client = client_from(config);
    std::atomic<int> calls{0};
    std::thread::id ran_on;
    std::atomic<uint32_t> status{999};
    cs::Result<cs::Pending<cs::IdentityPoolUsage>> p =
        client.describe_identity_pool_usage_async(test_pool(), [&](cognito_sync_status s) {
            ran_on = std::this_thread::get_id();
            status = s;
            calls++;
        });
    CHECK_OK(p);
    if (!p) return;
    CHECK(p.value().wait(30000));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    CHECK(calls == 0); // finished, but its callback waits for the host
    cs::Result<size_t> ran = client.dispatch(16);
    CHECK(ran && ran.value() == 1);
    CHECK(calls == 1 && ran_on == std::this_thread::get_id() && status == COGNITO_SYNC_STATUS_OK);
    CHECK_OK(p.value().take());
    cs::Result<size_t> none = client.dispatch(16);
    CHECK(none && none.value() == 0);

    // A handle destroyed before the pump: its callback is skipped.
    {
        cs::Result<cs::Pending<std::vector<cs::CognitoEvent>>> dropped =
            client.get_cognito_events_async(test_pool(), [&](cognito_sync_status) { calls++; });
        CHECK(dropped && dropped.value().wait(30000));
    }
    cs::Result<size_t> skipped = client.dispatch(16);
    CHECK(skipped && skipped.value() == 0 && calls == 1);

    // A client without host dispatch cannot be pumped.
    cs::Result<size_t> refused = plain.dispatch(1);
    CHECK(!refused && refused.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
}

// Callbacks on worker threads; a throwing one is contained; cancellation.
void callbacks_and_cancel(const cs::Client &dev) {
    std::atomic<int> calls{0};
    cs::Result<cs::Pending<std::string>> p = dev.bulk_publish_async(
        "us-east-1:00000000-0000-0000-0000-0000000000ff", [&](cognito_sync_status s) {
            calls++;
#if defined(__cpp_exceptions)
            if (s != COGNITO_SYNC_STATUS_OK) throw std::runtime_error("swallowed at the C boundary");
#else
            (void)s;
#endif
        });
    CHECK_OK(p);
    if (!p) return;
    CHECK(p.value().wait(30000));
    for (int i = 0; i < 3000 && calls == 0; i++) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    CHECK(calls == 1);
    CHECK(p.value().take().status() == COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND);

    // Dropping an unfinished call cancels it; nothing leaks (ASan checks).
    for (int i = 0; i < 5; i++) {
        cs::Result<cs::Pending<cs::IdentityPoolUsage>> abandoned =
            dev.describe_identity_pool_usage_async(test_pool(), [&](cognito_sync_status) { calls++; });
        CHECK_OK(abandoned);
    }
    // Move-assigning over an unfinished call cancels it first (its callback is not run).
    {
        std::atomic<int> cancelled_calls{0};
        cs::Result<cs::Pending<cs::IdentityPoolUsage>> first =
            dev.describe_identity_pool_usage_async(test_pool(), [&](cognito_sync_status) { cancelled_calls++; });
        cs::Result<cs::Pending<cs::IdentityPoolUsage>> second = dev.describe_identity_pool_usage_async(test_pool());
        CHECK(first && second);
        if (first && second) {
            first.value() = std::move(second).value();
            CHECK(first.value().wait(30000) && first.value().take().ok());
        }
    }
    // Pending is move-only and keeps working after a move.
    cs::Result<cs::Pending<cs::IdentityPoolUsage>> started = dev.describe_identity_pool_usage_async(test_pool());
    CHECK_OK(started);
    if (!started) return;
    cs::Pending<cs::IdentityPoolUsage> moved = std::move(started).value();
    CHECK(moved.wait(30000));
    cs::Result<cs::IdentityPoolUsage> usage = moved.take();
    CHECK(usage && usage.value().identity_pool_id == test_pool());
}

// Credentials: a named profile, the default chain, a saved identity id, a
// separate Cognito Identity endpoint.
void credentials() {
    const std::string dir = env("CS_TEST_TMP");
    {
        std::ofstream f(dir + "/aws_credentials");
        f << "[cpp]\naws_access_key_id = test\naws_secret_access_key = test\n"
             "[wrong]\naws_access_key_id = test\naws_secret_access_key = not-the-secret\n";
    }
    setenv("AWS_SHARED_CREDENTIALS_FILE", (dir + "/aws_credentials").c_str(), 1);
    setenv("AWS_CONFIG_FILE", (dir + "/no_aws_config").c_str(), 1);
    for (const char *profile : {"cpp", "wrong"}) {
        cs::Config config = base_config();
        CHECK_OK(config.profile(profile));
        cs::Client client = client_from(config);
        cs::Result<cs::IdentityPoolUsage> u = client.describe_identity_pool_usage(test_pool());
        if (std::string(profile) == "cpp")
            CHECK_OK(u);
        else
            CHECK(!u && u.error().http_status == 403 && !u.error().code.empty());
    }

    setenv("AWS_ACCESS_KEY_ID", "test", 1);
    setenv("AWS_SECRET_ACCESS_KEY", "test", 1);
    {
        cs::Config config = base_config();
        CHECK_OK(config.static_credentials("nobody", "nothing"));
        CHECK_OK(config.default_credentials()); // back to the environment's keys
        CHECK_OK(client_from(config).describe_identity_pool_usage(test_pool()));
    }
    unsetenv("AWS_ACCESS_KEY_ID");
    unsetenv("AWS_SECRET_ACCESS_KEY");

    // A saved identity id is reused without asking Cognito Identity for a new one.
    cs::Result<std::string> first = identity_client().identity_id();
    CHECK_OK(first);
    if (!first) return;
    cs::Config again = base_config();
    CHECK_OK(again.cognito_identity(test_pool()));
    CHECK_OK(again.cognito_identity_id(first.value()));
    cs::Client same = client_from(again);
    cs::Result<std::string> reused = await(same.identity_id_async());
    CHECK(reused && reused.value() == first.value());
    CHECK_OK(same.list_datasets(test_pool(), first.value())); // its credentials work
    // Cognito Identity on another endpoint (here: nothing listens): a credentials error.
    cs::Config elsewhere = base_config();
    CHECK_OK(elsewhere.cognito_identity(test_pool()));
    CHECK_OK(elsewhere.cognito_identity_endpoint_url("http://127.0.0.1:1"));
    cs::Result<std::string> none = client_from(elsewhere).identity_id();
    CHECK(!none && none.status() == COGNITO_SYNC_STATUS_CREDENTIALS);
    // An application name goes into the User-Agent; one that cannot is refused at creation.
    cs::Config named = base_config();
    CHECK_OK(named.static_credentials("test", "test"));
    CHECK_OK(named.app_name("cpp-test/1.0"));
    CHECK_OK(client_from(named).describe_identity_pool_usage(test_pool()));
    cs::Config badly_named = base_config();
    CHECK_OK(badly_named.app_name("line\nbreak"));
    cs::Result<cs::Client> refused = cs::Client::create(badly_named);
    CHECK(!refused && refused.status() == COGNITO_SYNC_STATUS_VALIDATION);
    // Logins need Cognito Identity first.
    cs::Config no_pool = base_config();
    cs::Status login = no_pool.cognito_login("graph.facebook.com", "token");
    CHECK(!login && login.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
}

void small_functions() {
    CHECK(cs::version() == COGNITO_SYNC_VERSION);
    CHECK(cs::status_string(COGNITO_SYNC_STATUS_OK).size() > 0);
    CHECK(cs::status_string(COGNITO_SYNC_STATUS_RESOURCE_NOT_FOUND) != cs::status_string(COGNITO_SYNC_STATUS_OK));
    // A bad config value is an error object, not a crash.
    cs::Result<cs::Config> bad = cs::Config::create();
    CHECK_OK(bad);
    cs::Status st = bad.value().max_attempts(0);
    CHECK(!st.ok() && st.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT && !st.error().message.empty());
    CHECK(bad.value().connect_timeout_ms(0).status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    // Strings with a NUL inside are cut there by the C API; invalid UTF-8 is refused.
    cs::Status utf8 = bad.value().region("\xff\xfe");
    CHECK(!utf8 && utf8.status() == COGNITO_SYNC_STATUS_INVALID_UTF8);
    cs::Status nul = bad.value().region(std::string_view("us-east-1\0x", 11));
    CHECK(!nul && nul.status() == COGNITO_SYNC_STATUS_INVALID_ARGUMENT);
    CHECK_OK(bad.value().region("us-east-1"));
    // No client without a usable configuration.
    cs::Result<cs::Config> unusable = cs::Config::create();
    CHECK_OK(unusable.value().endpoint_url("not a url"));
    cs::Result<cs::Client> c = cs::Client::create(unusable.value());
    CHECK(!c && c.status() == COGNITO_SYNC_STATUS_VALIDATION);
}

} // namespace

void test_engine() {
    std::atomic<int> log_lines{0}, secret_lines{0};
    CHECK_OK(cs::set_log_sink(
        [&](cognito_sync_log_level, std::string_view, std::string_view message) {
            log_lines++;
            if (message.find("not-the-secret") != std::string_view::npos) secret_lines++;
        },
        COGNITO_SYNC_LOG_LEVEL_TRACE));
    cs::Client dev = dev_client();
    worker_threads(dev);
    host_dispatch(dev);
    callbacks_and_cancel(dev);
    credentials();
    small_functions();
    CHECK_OK(cs::set_log_sink(nullptr, COGNITO_SYNC_LOG_LEVEL_OFF));
    CHECK(log_lines > 0 && secret_lines == 0); // no secret ever reaches a log line
}
