// A game loop that never blocks on the network: it starts Cognito Sync calls,
// keeps rendering frames, and polls each call once per frame until it is done.
//
// Build (after `cargo build --release -p cognito-sync-ffi`):
//   c++ -std=c++11 -Iinclude -Iexamples/cpp examples/cpp/game_loop.cpp
//       -Ltarget/release -lcognito_sync -o game_loop    (one line)
// Run: LD_LIBRARY_PATH=target/release ./game_loop ENDPOINT_URL IDENTITY_POOL_ID
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "cognito_sync.hpp"

namespace {

// Stands in for the work of one frame (update, render): ~4 ms.
void render_frame() { std::this_thread::sleep_for(std::chrono::milliseconds(4)); }

// Runs frames until `op` completes; returns how many frames it took.
int frames_until_ready(const cognito_sync::Operation &op) {
    int frames = 0;
    while (!op.ready()) {
        render_frame();
        ++frames;
    }
    return frames;
}

} // namespace

int main(int argc, char **argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s ENDPOINT_URL IDENTITY_POOL_ID\n", argv[0]);
        return 2;
    }
    const std::string endpoint = argv[1];
    const std::string pool = argv[2];
    try {
        cognito_sync::Client client(
            cognito_sync::Config().region("us-east-1").endpoint_url(endpoint).cognito_identity(pool));
        const std::string identity = client.identity_id(); // once, at start-up
        std::printf("identity %s\n", identity.c_str());

        // Three save slots, listed concurrently while the game keeps running.
        const char *slots[] = {"slot-1", "slot-2", "slot-3"};
        std::vector<cognito_sync::Operation> listing;
        for (const char *slot : slots) {
            cognito_sync_list_records_request req = {};
            req.identity_pool_id = pool.c_str();
            req.identity_id = identity.c_str();
            req.dataset_name = slot;
            listing.push_back(client.start_list_records(req)); // req is copied: may go away
        }
        int frames = 0;
        for (;;) { // the game loop
            bool all_ready = true;
            for (const auto &op : listing) all_ready = all_ready && op.ready();
            if (all_ready) break;
            render_frame();
            ++frames;
        }
        std::printf("listed %u slots while rendering %d frames\n", (unsigned)listing.size(), frames);

        // Save progress into each slot, again without blocking the loop.
        std::vector<cognito_sync::ListRecordsResult> sessions;
        std::vector<cognito_sync::Operation> saving;
        for (size_t i = 0; i < listing.size(); ++i) {
            sessions.push_back(cognito_sync::finish_list_records(listing[i]));
            cognito_sync_record_patch patch = {};
            patch.op = COGNITO_SYNC_OPERATION_REPLACE;
            patch.key = "progress";
            patch.value = i == 0 ? "chapter-2" : "chapter-1";
            cognito_sync_update_records_request req = {};
            req.identity_pool_id = pool.c_str();
            req.identity_id = identity.c_str();
            req.dataset_name = slots[i];
            req.record_patches = &patch;
            req.record_patch_count = 1;
            req.sync_session_token =
                cognito_sync_list_records_output_sync_session_token(sessions.back().get());
            saving.push_back(client.start_update_records(req));
        }
        for (size_t i = 0; i < saving.size(); ++i) {
            int f = frames_until_ready(saving[i]);
            auto saved = cognito_sync::finish_update_records(saving[i]);
            const cognito_sync_record *r =
                cognito_sync_update_records_output_record(saved.get(), 0);
            int64_t count = 0;
            cognito_sync_record_sync_count(r, &count);
            std::printf("%s saved: %s = %s (sync count %lld) after %d more frames\n", slots[i],
                        cognito_sync_record_key(r), cognito_sync_record_value(r), (long long)count,
                        f);
        }

        // Saving the same slot again with the stale sync count: the error
        // arrives as an exception when the result is taken.
        {
            cognito_sync_record_patch patch = {};
            patch.key = "progress";
            patch.value = "chapter-9";
            cognito_sync_update_records_request req = {};
            req.identity_pool_id = pool.c_str();
            req.identity_id = identity.c_str();
            req.dataset_name = slots[0];
            req.record_patches = &patch;
            req.record_patch_count = 1;
            req.sync_session_token =
                cognito_sync_list_records_output_sync_session_token(sessions[0].get());
            cognito_sync::Operation stale = client.start_update_records(req);
            frames_until_ready(stale);
            try {
                cognito_sync::finish_update_records(stale);
                std::fprintf(stderr, "expected a conflict\n");
                return 1;
            } catch (const cognito_sync::Error &e) {
                std::printf("conflict reported: %s (%s, HTTP %u)\n", e.what(), e.code().c_str(),
                            e.http_status());
            }
        }

        // An operation the game no longer needs: leaving the scope cancels it.
        {
            cognito_sync_list_records_request req = {};
            req.identity_pool_id = pool.c_str();
            req.identity_id = identity.c_str();
            req.dataset_name = "slot-1";
            cognito_sync::Operation abandoned = client.start_list_records(req);
            (void)abandoned;
        }
        std::printf("done\n");
        return 0;
    } catch (const cognito_sync::Error &e) {
        std::fprintf(stderr, "error: %s (status %u %s)\n", e.what(), (unsigned)e.status(),
                     e.code().c_str());
        return 1;
    }
}
