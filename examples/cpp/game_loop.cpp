// A game loop that never blocks on the network: it starts Cognito Sync calls
// through the C++ wrapper (include/cognito_sync.hpp), keeps rendering frames,
// and polls each call once per frame until it is done. Builds with or without
// exceptions (-fno-exceptions): every result is a cognito_sync::Result<T>.
//
// Build (after `cargo build --release -p cognito-sync-ffi`):
//   c++ -std=c++17 -Iinclude examples/cpp/game_loop.cpp -Ltarget/release -lcognito_sync -o game_loop
// Run against the emulator (`cargo run -p cognito-sync-local -- --port 4566 --identity-pool
// us-east-1:00000000-0000-0000-0000-000000000001`, which prints the export line; the
// defaults below are the same; the variables are every example's):
//   export AWS_ENDPOINT_URL_COGNITO_SYNC=http://127.0.0.1:4566
//   export COGNITO_IDENTITY_POOL_ID=us-east-1:00000000-0000-0000-0000-000000000001
//   LD_LIBRARY_PATH=target/release ./game_loop
// Two optional arguments, ENDPOINT_URL and IDENTITY_POOL_ID, override them.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "cognito_sync.hpp"

namespace cs = cognito_sync;

namespace {

std::string env_or(const char *name, const char *fallback) {
    const char *v = std::getenv(name);
    return v && *v ? v : fallback;
}

// Stands in for the work of one frame (update, render): ~4 ms.
void render_frame() { std::this_thread::sleep_for(std::chrono::milliseconds(4)); }

int fail(const char *what, const cs::Error &e) {
    std::fprintf(stderr, "%s failed: %s (status %u, %s)\n", what, e.message.c_str(), (unsigned)e.status,
                 e.code.c_str());
    return 1;
}

} // namespace

int main(int argc, char **argv) {
    const std::string endpoint = argc > 1 ? argv[1] : env_or("AWS_ENDPOINT_URL_COGNITO_SYNC", "http://127.0.0.1:4566");
    const std::string pool = argc > 2 ? argv[2]
                                      : env_or("COGNITO_IDENTITY_POOL_ID", "us-east-1:00000000-0000-0000-0000-000000000001");
    const std::string region = env_or("AWS_REGION", "us-east-1");
    const std::string identity_endpoint = env_or("AWS_ENDPOINT_URL_COGNITO_IDENTITY", endpoint.c_str());

    cs::Result<cs::Config> config = cs::Config::create();
    if (!config) return fail("config", config.error());
    for (cs::Status s : {config.value().region(region), config.value().endpoint_url(endpoint),
                         config.value().cognito_identity(pool),
                         config.value().cognito_identity_endpoint_url(identity_endpoint)}) {
        if (!s) return fail("config", s.error());
    }
    cs::Result<cs::Client> made = cs::Client::create(config.value());
    if (!made) return fail("client", made.error());
    cs::Client client = std::move(made).value();

    // The identity id, fetched without blocking the loop.
    cs::Result<cs::Pending<std::string>> pid = client.identity_id_async();
    if (!pid) return fail("identity id", pid.error());
    int frames = 0;
    while (!pid.value().ready()) {
        render_frame();
        ++frames;
    }
    cs::Result<std::string> identity = pid.value().take();
    if (!identity) return fail("identity id", identity.error());
    std::printf("identity %s after %d frames\n", identity.value().c_str(), frames);

    // Three save slots, listed concurrently while the game keeps running.
    const char *slots[] = {"slot-1", "slot-2", "slot-3"};
    std::vector<cs::Pending<cs::ListRecordsOutput>> listing;
    for (const char *slot : slots) {
        cs::ListRecordsRequest req;
        req.identity_pool_id = pool;
        req.identity_id = identity.value();
        req.dataset_name = slot;
        cs::Result<cs::Pending<cs::ListRecordsOutput>> p = client.list_records_async(req);
        if (!p) return fail("list records", p.error());
        listing.push_back(std::move(p).value());
    }
    frames = 0;
    for (;;) { // the game loop
        bool all_ready = true;
        for (const auto &op : listing) all_ready = all_ready && op.ready();
        if (all_ready) break;
        render_frame();
        ++frames;
    }
    std::printf("listed %u slots while rendering %d frames\n", (unsigned)listing.size(), frames);

    // Save progress into each slot (blocking calls are fine at a checkpoint).
    for (size_t i = 0; i < listing.size(); ++i) {
        cs::Result<cs::ListRecordsOutput> listed = listing[i].take();
        if (!listed) return fail("list records", listed.error());
        cs::UpdateRecordsRequest req;
        req.identity_pool_id = pool;
        req.identity_id = identity.value();
        req.dataset_name = slots[i];
        req.sync_session_token = listed.value().sync_session_token.value_or("");
        req.patches.push_back(cs::RecordPatch{false, "progress", i == 0 ? "chapter-2" : "chapter-1", 0});
        cs::Result<std::vector<cs::Record>> saved = client.update_records(req);
        if (!saved) return fail("update records", saved.error());
        const cs::Record &r = saved.value().at(0);
        std::printf("%s saved: %s = %s (sync count %lld)\n", slots[i], r.key.c_str(), r.value.value_or("").c_str(),
                    (long long)r.sync_count);
    }

    // A stale session token: the error arrives as a value, not a crash.
    cs::UpdateRecordsRequest stale;
    stale.identity_pool_id = pool;
    stale.identity_id = identity.value();
    stale.dataset_name = slots[0];
    stale.sync_session_token = "stale-token";
    stale.patches.push_back(cs::RecordPatch{false, "progress", "chapter-9", 0});
    cs::Result<std::vector<cs::Record>> refused = client.update_records(stale);
    if (refused) {
        std::fprintf(stderr, "expected an error\n");
        return 1;
    }
    std::printf("refused as expected: %s (%s, HTTP %u)\n", refused.error().message.c_str(),
                refused.error().code.c_str(), (unsigned)refused.error().http_status);

    // An operation the game no longer needs: leaving the scope cancels it.
    {
        cs::ListRecordsRequest req;
        req.identity_pool_id = pool;
        req.identity_id = identity.value();
        req.dataset_name = "slot-1";
        cs::Result<cs::Pending<cs::ListRecordsOutput>> abandoned = client.list_records_async(req);
        (void)abandoned;
    }
    std::printf("done\n");
    return 0;
}
