// The C++ wrapper against the emulator (scripts/test-cpp.sh sets CS_TEST_ENDPOINT,
// CS_TEST_POOL, CS_TEST_TMP), built with and without exceptions and under
// ASan+UBSan: the basics here, then every operation (test_operations.cpp), the
// sync manager (test_manager.cpp) and the engine controls (test_engine.cpp).
#include "harness.hpp"

#include <type_traits>
#include <unistd.h>

std::string unique_name(const char *prefix) {
    static int n = 0;
    return std::string(prefix) + "_" + std::to_string(getpid()) + "_" + std::to_string(++n);
}

static_assert(!std::is_copy_constructible_v<cs::Client> && std::is_move_constructible_v<cs::Client>,
              "Client is move-only");
static_assert(!std::is_copy_constructible_v<cs::Config>, "Config is move-only");
static_assert(!std::is_copy_constructible_v<cs::Pending<std::string>>, "Pending is move-only");
static_assert(!std::is_copy_constructible_v<cs::Manager> && std::is_move_constructible_v<cs::Manager>,
              "Manager is move-only");
static_assert(!std::is_copy_constructible_v<cs::Dataset>, "Dataset is move-only");

// The client's identity id, blocking and polled; the first records round trip.
static void test_basics() {
    const std::string pool = test_pool();
    cs::Client client = identity_client();
    cs::Result<std::string> id = client.identity_id();
    CHECK(id.ok() && !id.value().empty());
    if (!id) return;

    // Non-blocking identity id, polled as a frame loop would.
    cs::Result<cs::Pending<std::string>> pid = client.identity_id_async();
    CHECK(pid.ok());
    if (!pid) return;
    cs::Pending<std::string> p = std::move(pid).value();
    CHECK(p.name() == "client_identity_id");
    for (int frame = 0; frame < 5000 && !p.ready(); frame++) p.wait(1);
    cs::Result<std::string> id2 = p.take();
    CHECK(id2.ok() && id2.value() == id.value());
    CHECK(!p.take().ok()); // a second take is refused

    cs::ListRecordsRequest lr{pool, id.value(), "cpp_wrapper", std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    cs::Result<cs::ListRecordsOutput> first = client.list_records(lr);
    CHECK(first.ok() && first.value().sync_session_token.has_value());
    cs::UpdateRecordsRequest ur;
    ur.identity_pool_id = pool;
    ur.identity_id = id.value();
    ur.dataset_name = "cpp_wrapper";
    ur.sync_session_token = first.ok() ? first.value().sync_session_token.value_or("") : "";
    ur.patches.push_back(cs::RecordPatch{false, "level", "7", 0});
    cs::Result<std::vector<cs::Record>> up = client.update_records(ur);
    CHECK(up.ok() && up.value().size() == 1 && up.value()[0].value == std::optional<std::string>("7"));
    cs::Result<cs::ListRecordsOutput> second = await(client.list_records_async(lr));
    CHECK(second.ok() && second.value().records.size() == 1 && second.value().records[0].key == "level");

    // A service error keeps its code and HTTP status.
    ur.sync_session_token = "not-a-session-token";
    cs::Result<std::vector<cs::Record>> err = client.update_records(ur);
    CHECK(!err.ok() && err.error().http_status == 400 && err.error().code == "InvalidParameterException");
#if defined(__cpp_exceptions)
    bool threw = false;
    try {
        (void)std::move(err).value_or_throw();
    } catch (const cs::Exception &e) {
        threw = e.error().http_status == 400;
    }
    CHECK(threw);
#endif
}

int main() {
    // Engine control first: before anything starts the library's runtime.
    CHECK_OK(cs::set_worker_threads(2));
    test_basics();
    test_operations();
    test_manager();
    test_engine();
    std::printf("%d passed, %d failed\n", harness_passed, harness_failed);
    return harness_failed == 0 ? 0 : 1;
}
