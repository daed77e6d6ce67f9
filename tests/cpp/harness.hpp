// Shared by the C++ wrapper tests: checks, the environment set by
// scripts/test-cpp.sh (CS_TEST_ENDPOINT, CS_TEST_POOL, CS_TEST_TMP) and clients.
#ifndef COGNITO_SYNC_TEST_HARNESS_HPP
#define COGNITO_SYNC_TEST_HARNESS_HPP

#include "cognito_sync.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace cs = cognito_sync;

inline int harness_passed = 0, harness_failed = 0;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            harness_passed++;                                                                              \
        } else {                                                                                   \
            harness_failed++;                                                                              \
            std::fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
        }                                                                                          \
    } while (0)
// Checks a Result is ok, printing its error otherwise.
#define CHECK_OK(result)                                                                           \
    do {                                                                                           \
        const auto &r_ = (result);                                                                 \
        if (r_.ok()) {                                                                             \
            harness_passed++;                                                                              \
        } else {                                                                                   \
            harness_failed++;                                                                              \
            std::fprintf(stderr, "FAIL %s:%d: %s: %s (%s)\n", __FILE__, __LINE__, #result,        \
                         r_.error().message.c_str(), r_.error().code.c_str());                     \
        }                                                                                          \
    } while (0)

inline std::string env(const char *name) {
    const char *v = std::getenv(name);
    return v ? v : "";
}
inline std::string endpoint() { return env("CS_TEST_ENDPOINT"); }
inline std::string test_pool() { return env("CS_TEST_POOL"); }

// A config for the emulator: region, endpoint, timeouts, one attempt per call.
inline cs::Config base_config() {
    cs::Result<cs::Config> config = cs::Config::create();
    CHECK(config.ok());
    CHECK_OK(config.value().region("us-east-1"));
    CHECK_OK(config.value().endpoint_url(endpoint()));
    CHECK_OK(config.value().connect_timeout_ms(5000));
    CHECK_OK(config.value().call_timeout_ms(30000));
    CHECK_OK(config.value().max_attempts(1));
    return std::move(config).value();
}

inline cs::Client client_from(const cs::Config &config) {
    cs::Result<cs::Client> client = cs::Client::create(config);
    CHECK_OK(client);
    if (!client) {
        std::fprintf(stderr, "cannot build a client: %s\n", client.error().message.c_str());
        std::exit(1);
    }
    return std::move(client).value();
}

// Developer credentials (test/test): every operation.
inline cs::Client dev_client() {
    cs::Config config = base_config();
    CHECK_OK(config.static_credentials("test", "test"));
    return client_from(config);
}

// Cognito Identity credentials for the test pool (a new unauthenticated identity).
inline cs::Client identity_client() {
    cs::Config config = base_config();
    CHECK_OK(config.cognito_identity(test_pool()));
    return client_from(config);
}

// Waits (bounded) for a non-blocking call and takes its result.
template <class T> cs::Result<T> await(cs::Result<cs::Pending<T>> started) {
    if (!started) return started.error();
    cs::Pending<T> p = std::move(started).value();
    CHECK(p.wait(30000));
    return p.take();
}

// Writes key = value to a dataset with UpdateRecords (the dataset's first write).
inline void write_record(const cs::Client &client, const std::string &pool, const std::string &id,
                         const std::string &dataset, const std::string &key, const std::string &value) {
    cs::ListRecordsRequest lr{pool, id, dataset, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    cs::Result<cs::ListRecordsOutput> l = client.list_records(lr);
    CHECK_OK(l);
    cs::UpdateRecordsRequest ur;
    ur.identity_pool_id = pool;
    ur.identity_id = id;
    ur.dataset_name = dataset;
    ur.sync_session_token = l ? l.value().sync_session_token.value_or("") : "";
    ur.patches.push_back(cs::RecordPatch{false, key, value, 0});
    CHECK_OK(client.update_records(ur));
}

// A name unique to this process and call: PREFIX_PID_N.
std::string unique_name(const char *prefix);

void test_operations();
void test_manager();
void test_engine();

#endif
