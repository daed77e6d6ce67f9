// Header-only C++17 wrapper over cognito_sync.h: every function of the C API
// is reachable through it (scripts/test-cpp.sh fails if one is not).
//
// - Every C handle is owned by a move-only type that frees it (RAII).
// - Strings go in as std::string_view (one with a NUL byte inside, which a C
//   string would cut, is refused with INVALID_ARGUMENT); results come out owned
//   (std::string, std::vector, std::optional), copied before the C object is freed.
// - Nothing throws: every call returns a cognito_sync::Result<T> (a value or a
//   cognito_sync::Error), so it builds with -fno-exceptions. When exceptions
//   are on, std::move(result).value_or_throw() throws cognito_sync::Exception.
// - Each of the 17 operations (and identity id, synchronize, full resync,
//   synchronize-all) exists blocking (`list_records`) and non-blocking
//   (`list_records_async`): the latter returns a Pending<T> that a frame loop
//   polls with ready(), then take()s; an optional completion callback runs on a
//   library worker thread, or inside Client::dispatch() with host dispatch.
// - No C++ exception ever crosses into the library: callbacks, resolvers,
//   handlers and log sinks that throw are caught at the boundary.
#ifndef COGNITO_SYNC_HPP
#define COGNITO_SYNC_HPP

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>
#if defined(__cpp_exceptions)
#include <stdexcept>
#endif

#include "cognito_sync.h"

namespace cognito_sync {

// What a failed call reported, copied out of the C error object.
struct Error {
    cognito_sync_status status = COGNITO_SYNC_STATUS_OK;
    std::string code;
    std::string message;
    std::string request_id;
    uint16_t http_status = 0;
    bool retryable = false;
};

namespace detail {
inline std::string str(const char *s) { return s ? std::string(s) : std::string(); }
inline std::optional<std::string> opt_str(const char *s) {
    return s ? std::optional<std::string>(s) : std::nullopt;
}

// Copies a borrowed C error object (e.g. the one of a SYNC_FAILED event).
inline Error copy_error(const cognito_sync_error *err) {
    Error e;
    e.status = cognito_sync_error_status(err);
    e.code = str(cognito_sync_error_code(err));
    e.message = str(cognito_sync_error_message(err));
    e.request_id = str(cognito_sync_error_request_id(err));
    e.http_status = static_cast<uint16_t>(cognito_sync_error_http_status(err));
    e.retryable = cognito_sync_error_is_retryable(err);
    return e;
}

// Copies and frees the C error object (which may be NULL for a status the
// library reported without one).
inline Error take_error(cognito_sync_status status, cognito_sync_error *err) {
    if (!err) {
        Error e;
        e.status = status;
        e.message = str(cognito_sync_status_str(status));
        return e;
    }
    Error e = copy_error(err);
    e.status = status;
    cognito_sync_error_free(err);
    return e;
}

// A NUL-terminated copy of a string_view (the C API takes C strings).
class CStr {
  public:
    explicit CStr(std::string_view s) : s_(s) {}
    const char *get() const { return s_.c_str(); }

  private:
    std::string s_;
};

// The same for an optional input: get() is NULL when absent.
class OptCStr {
  public:
    explicit OptCStr(std::optional<std::string_view> s) {
        if (s) s_ = std::string(*s);
    }
    const char *get() const { return s_ ? s_->c_str() : nullptr; }

  private:
    std::optional<std::string> s_;
};

template <class T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
template <class T, void (*Free)(T *)> using Owned = std::unique_ptr<T, Deleter<T, Free>>;

inline std::string take_string(char *s) {
    std::string out = str(s);
    cognito_sync_string_free(s);
    return out;
}
inline const char *opt(const std::optional<std::string> &s) { return s ? s->c_str() : nullptr; }

// The C API takes NUL-terminated strings: an input with a NUL inside would be
// cut there silently (a different key, a shorter value), so it is refused.
inline bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }
inline bool has_nul(const std::string &s) { return has_nul(std::string_view(s)); }
inline bool has_nul(const std::optional<std::string> &s) { return s && has_nul(*s); }
inline bool has_nul(const std::optional<std::string_view> &s) { return s && has_nul(*s); }
inline bool has_nul(const std::vector<std::string> &v) {
    for (const std::string &s : v)
        if (has_nul(s)) return true;
    return false;
}
template <class... S> bool any_nul(const S &...s) { return (false || ... || has_nul(s)); }
inline Error nul_error() {
    Error e;
    e.status = COGNITO_SYNC_STATUS_INVALID_ARGUMENT;
    e.message = "a string argument contains a NUL byte, which a C string cannot hold";
    return e;
}

template <class V, class Obj> std::optional<V> opt_num(bool (*f)(const Obj *, V *), const Obj *o) {
    V v{};
    return f(o, &v) ? std::optional<V>(v) : std::nullopt;
}
} // namespace detail

#if defined(__cpp_exceptions)
class Exception : public std::runtime_error {
  public:
    explicit Exception(Error e) : std::runtime_error(e.message), error_(std::move(e)) {}
    const Error &error() const { return error_; }

  private:
    Error error_;
};
#endif

// A value or an Error (expected-like; usable without exceptions).
template <class T> class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    cognito_sync_status status() const { return ok() ? COGNITO_SYNC_STATUS_OK : error().status; }
    // Only when ok().
    T &value() & { return std::get<0>(v_); }
    const T &value() const & { return std::get<0>(v_); }
    T &&value() && { return std::get<0>(std::move(v_)); }
    // The error; an empty Error (status OK) when ok().
    const Error &error() const {
        static const Error none;
        const Error *e = std::get_if<1>(&v_);
        return e ? *e : none;
    }
#if defined(__cpp_exceptions)
    // Throwing convenience (only with exceptions on): the value, or throws
    // cognito_sync::Exception carrying the Error.
    T value_or_throw() && {
        if (!ok()) throw Exception(error());
        return std::get<0>(std::move(v_));
    }
#endif

  private:
    std::variant<T, Error> v_;
};

struct Unit {};
using Status = Result<Unit>;

namespace detail {
template <class T> Result<T> fail(cognito_sync_status s, cognito_sync_error *err) {
    return Result<T>(take_error(s, err));
}
// `err` by reference: read after the C call that is the other argument wrote it
// (argument evaluation order is unspecified).
inline Status status(cognito_sync_status s, cognito_sync_error *&err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<Unit>(s, err);
    return Unit{};
}
} // namespace detail

// The library's version string (compare with COGNITO_SYNC_VERSION).
inline std::string version() { return detail::str(cognito_sync_version()); }

// Static text for any status value.
inline std::string_view status_string(cognito_sync_status s) { return cognito_sync_status_str(s); }

// Engine control: how many worker threads the process-wide runtime runs
// (1-64). Call before building the first client or sync manager; afterwards
// it fails with INVALID_ARGUMENT and changes nothing.
inline Status set_worker_threads(uint32_t threads) {
    cognito_sync_error *err = nullptr;
    return detail::status(cognito_sync_set_worker_threads(threads, &err), err);
}

// Engine control: route every allocation the library makes (its own and the
// bundled SQLite's) to the host's functions, for the rest of the process (as
// consoles require). Call it first, before anything else of the library; once
// the library has allocated or started it fails with INVALID_ARGUMENT and
// changes nothing, and a NULL function gives NULL_ARGUMENT. The functions'
// contracts are those of cognito_sync_alloc_fn, _realloc_fn and _free_fn.
inline Status set_allocator(cognito_sync_alloc_fn alloc_fn, cognito_sync_realloc_fn realloc_fn,
                            cognito_sync_free_fn free_fn, void *user_data = nullptr) {
    cognito_sync_error *err = nullptr;
    return detail::status(cognito_sync_set_allocator(alloc_fn, realloc_fn, free_fn, user_data, &err), err);
}

class Config {
  public:
    static Result<Config> create() {
        cognito_sync_config *c = cognito_sync_config_new();
        if (!c) return Error{COGNITO_SYNC_STATUS_INTERNAL, "", "config allocation failed", "", 0, false};
        return Config(c);
    }
    Status region(std::string_view r) { return set(cognito_sync_config_set_region, r); }
    Status endpoint_url(std::string_view u) { return set(cognito_sync_config_set_endpoint_url, u); }
    // Credentials: static keys, the default chain, a named profile, or Cognito Identity.
    Status static_credentials(std::string_view access_key_id, std::string_view secret_access_key,
                              std::optional<std::string_view> session_token = std::nullopt) {
        if (detail::any_nul(access_key_id, secret_access_key, session_token)) return detail::nul_error();
        detail::CStr a(access_key_id), k(secret_access_key);
        detail::OptCStr t(session_token);
        cognito_sync_error *err = nullptr;
        return detail::status(
            cognito_sync_config_set_static_credentials(ptr_.get(), a.get(), k.get(), t.get(), &err), err);
    }
    Status default_credentials() {
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_config_use_default_credentials(ptr_.get(), &err), err);
    }
    Status profile(std::string_view name) { return set(cognito_sync_config_use_profile, name); }
    Status cognito_identity(std::string_view pool) { return set(cognito_sync_config_set_cognito_identity, pool); }
    // After cognito_identity(): a login (authenticated identity), a saved
    // identity id, another endpoint for Cognito Identity.
    Status cognito_login(std::string_view provider, std::string_view token) {
        if (detail::any_nul(provider, token)) return detail::nul_error();
        detail::CStr p(provider), t(token);
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_config_add_cognito_login(ptr_.get(), p.get(), t.get(), &err), err);
    }
    Status cognito_identity_id(std::string_view identity_id) {
        return set(cognito_sync_config_set_cognito_identity_id, identity_id);
    }
    Status cognito_identity_endpoint_url(std::string_view u) {
        return set(cognito_sync_config_set_cognito_identity_endpoint_url, u);
    }
    // `app/NAME` appended to the User-Agent (printable ASCII, checked by Client::create).
    Status app_name(std::string_view name) { return set(cognito_sync_config_set_app_name, name); }
    Status connect_timeout_ms(uint64_t ms) { return set_u64(cognito_sync_config_set_connect_timeout_ms, ms); }
    Status call_timeout_ms(uint64_t ms) { return set_u64(cognito_sync_config_set_call_timeout_ms, ms); }
    Status max_attempts(uint32_t n) {
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_config_set_max_attempts(ptr_.get(), n, &err), err);
    }
    // Engine control: completion callbacks of non-blocking calls run only
    // inside Client::dispatch(), on the thread that pumps it.
    Status host_dispatch(bool enabled) {
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_config_set_host_dispatch(ptr_.get(), enabled, &err), err);
    }
    const cognito_sync_config *get() const { return ptr_.get(); }

  private:
    explicit Config(cognito_sync_config *c) : ptr_(c) {}
    Status set(cognito_sync_status (*f)(cognito_sync_config *, const char *, cognito_sync_error **),
               std::string_view v) {
        if (detail::has_nul(v)) return detail::nul_error();
        detail::CStr c(v);
        cognito_sync_error *err = nullptr;
        return detail::status(f(ptr_.get(), c.get(), &err), err);
    }
    Status set_u64(cognito_sync_status (*f)(cognito_sync_config *, uint64_t, cognito_sync_error **), uint64_t v) {
        cognito_sync_error *err = nullptr;
        return detail::status(f(ptr_.get(), v, &err), err);
    }
    detail::Owned<cognito_sync_config, cognito_sync_config_free> ptr_;
};

// Completion callback of a non-blocking call: gets the final status. It runs
// on a library worker thread, or for a client's operations with host
// dispatch inside Client::dispatch (the sync manager's synchronizes always
// call back on a worker thread). It must be thread-safe and short; take the
// result from the Pending afterwards. An exception thrown from it is swallowed.
using Callback = std::function<void(cognito_sync_status)>;

namespace detail {
inline void on_done(void *user_data, cognito_sync_op *, cognito_sync_status s) {
    auto *f = static_cast<Callback *>(user_data);
#if defined(__cpp_exceptions)
    try {
        (*f)(s);
    } catch (...) {
    }
#else
    (*f)(s);
#endif
}
} // namespace detail

// A non-blocking call a frame loop polls: ready() each frame, then take().
// Move-only; destroying it before it finished cancels it (and its callback
// will not run any more once the destructor returned).
template <class T> class Pending {
  public:
    using Finish = Result<T> (*)(cognito_sync_op *);
    Pending(cognito_sync_op *op, Finish finish, std::unique_ptr<Callback> callback = nullptr)
        : callback_(std::move(callback)), op_(op), finish_(finish) {}
    Pending(Pending &&) noexcept = default;
    // Frees (cancels) the current operation before its callback goes.
    Pending &operator=(Pending &&o) noexcept {
        if (this != &o) {
            op_.reset();
            callback_ = std::move(o.callback_);
            op_ = std::move(o.op_);
            finish_ = o.finish_;
        }
        return *this;
    }
    bool ready() const { return cognito_sync_op_poll(op_.get()) != COGNITO_SYNC_STATUS_PENDING; }
    // Blocks up to timeout_ms (negative: no limit); true once finished.
    bool wait(int64_t timeout_ms = -1) const {
        return cognito_sync_op_wait(op_.get(), timeout_ms) != COGNITO_SYNC_STATUS_PENDING;
    }
    // Once ready() (PENDING otherwise): the result; a second take() reports ALREADY_USED.
    Result<T> take() { return finish_(op_.get()); }
    // The operation's name, e.g. "list_records".
    std::string_view name() const { return cognito_sync_op_name(op_.get()); }
    cognito_sync_op *get() const { return op_.get(); }

  private:
    // Declared first so it is destroyed after the handle that may call it.
    std::unique_ptr<Callback> callback_;
    detail::Owned<cognito_sync_op, cognito_sync_op_free> op_;
    Finish finish_;
};

namespace detail {
// Starts a non-blocking call: `start(callback, user_data, &op, &err)`.
template <class T, class Start>
Result<Pending<T>> start(Start &&start_fn, typename Pending<T>::Finish finish, Callback on_done_cb) {
    std::unique_ptr<Callback> cb;
    if (on_done_cb) cb = std::make_unique<Callback>(std::move(on_done_cb));
    cognito_sync_op *op = nullptr;
    cognito_sync_error *err = nullptr;
    cognito_sync_status s = start_fn(cb ? &detail::on_done : nullptr, cb.get(), &op, &err);
    if (s != COGNITO_SYNC_STATUS_OK) return fail<Pending<T>>(s, err);
    return Pending<T>(op, finish, std::move(cb));
}

// An operation's C functions and how its output is read (see Op traits below).
template <class Op> Result<typename Op::Value> read_out(cognito_sync_status s, typename Op::Out *o, cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<typename Op::Value>(s, err);
    Owned<typename Op::Out, Op::free_out> own(o);
    return Op::read(o);
}
template <class Op> Result<typename Op::Value> finish(cognito_sync_op *op) {
    typename Op::Out *o = nullptr;
    cognito_sync_error *err = nullptr;
    cognito_sync_status s = Op::finish(op, &o, &err);
    return read_out<Op>(s, o, err);
}
template <class Op, class Built> Result<typename Op::Value> call(const cognito_sync_client *c, const Built &b) {
    if (b.nul) return nul_error();
    const typename Op::Req &req = b.req;
    typename Op::Out *o = nullptr;
    cognito_sync_error *err = nullptr;
    cognito_sync_status s = Op::call(c, &req, &o, &err);
    return read_out<Op>(s, o, err);
}
template <class Op, class Built>
Result<Pending<typename Op::Value>> call_async(const cognito_sync_client *c, const Built &b, Callback cb) {
    if (b.nul) return nul_error();
    const typename Op::Req &req = b.req;
    return start<typename Op::Value>(
        [&](cognito_sync_callback f, void *ud, cognito_sync_op **op, cognito_sync_error **err) {
            return Op::start(c, &req, f, ud, op, err);
        },
        &finish<Op>, std::move(cb));
}
// Operations without output (SetCognitoEvents, (Un)SubscribeToDataset).
template <class Op> Status finish_unit(cognito_sync_op *op) {
    cognito_sync_error *err = nullptr;
    return status(Op::finish(op, &err), err);
}
template <class Op, class Built> Status call_unit(const cognito_sync_client *c, const Built &b) {
    if (b.nul) return nul_error();
    const typename Op::Req &req = b.req;
    cognito_sync_error *err = nullptr;
    return status(Op::call(c, &req, &err), err);
}
template <class Op, class Built>
Result<Pending<Unit>> call_unit_async(const cognito_sync_client *c, const Built &b, Callback cb) {
    if (b.nul) return nul_error();
    const typename Op::Req &req = b.req;
    return start<Unit>(
        [&](cognito_sync_callback f, void *ud, cognito_sync_op **op, cognito_sync_error **err) {
            return Op::start(c, &req, f, ud, op, err);
        },
        &finish_unit<Op>, std::move(cb));
}
} // namespace detail

// ---------------------------------------------------------------- shapes

struct Record {
    std::string key;
    std::optional<std::string> value; // absent for a removed record (may hold NUL bytes)
    int64_t sync_count = 0;
    std::optional<int64_t> last_modified_date; // ms since the Unix epoch
    std::optional<std::string> last_modified_by;
    std::optional<int64_t> device_last_modified_date;
};

struct ListRecordsOutput {
    std::vector<Record> records;
    int64_t dataset_sync_count = 0;
    std::optional<std::string> sync_session_token;
    std::optional<std::string> next_token;
    std::optional<int32_t> count;
    std::optional<std::string> last_modified_by;
    std::vector<std::string> merged_dataset_names;
    std::optional<bool> dataset_exists;
    std::optional<bool> dataset_deleted_after_requested_sync_count;
};

struct ListRecordsRequest {
    std::string identity_pool_id, identity_id, dataset_name;
    std::optional<int64_t> last_sync_count;
    std::optional<std::string> next_token, sync_session_token;
    std::optional<int32_t> max_results;
};

struct RecordPatch {
    bool remove = false;
    std::string key;
    std::string value;
    int64_t sync_count = 0;
    std::optional<int64_t> device_last_modified_date = std::nullopt; // ms since the Unix epoch
};

struct UpdateRecordsRequest {
    std::string identity_pool_id, identity_id, dataset_name, sync_session_token;
    std::optional<std::string> device_id;
    std::vector<RecordPatch> patches;
    std::optional<std::string> client_context = std::nullopt; // base64
};

// A dataset's metadata as the service reports it.
struct DatasetMetadata {
    std::string identity_id;
    std::string dataset_name;
    std::optional<std::string> last_modified_by;
    std::optional<int64_t> creation_date, last_modified_date, data_storage, num_records;
};

struct ListDatasetsOutput {
    std::vector<DatasetMetadata> datasets;
    std::optional<std::string> next_token;
    std::optional<int32_t> count;
};

struct IdentityUsage {
    std::string identity_id, identity_pool_id;
    std::optional<int64_t> last_modified_date, data_storage;
    std::optional<int32_t> dataset_count;
};

struct IdentityPoolUsage {
    std::string identity_pool_id;
    std::optional<int64_t> sync_sessions_count, data_storage, last_modified_date;
};

struct ListIdentityPoolUsageOutput {
    std::vector<IdentityPoolUsage> usages;
    std::optional<int32_t> max_results, count;
    std::optional<std::string> next_token;
};

struct BulkPublishDetails {
    std::string identity_pool_id;
    std::optional<int64_t> start_time, complete_time;
    std::optional<std::string> status; // "NOT_STARTED", "IN_PROGRESS", "FAILED", "SUCCEEDED"
    std::optional<std::string> failure_message;
};

// One Cognito event: type (e.g. "SyncTrigger") -> Lambda function ARN ("" removes it).
struct CognitoEvent {
    std::string event_type;
    std::string lambda_function_arn;
    bool operator==(const CognitoEvent &o) const {
        return event_type == o.event_type && lambda_function_arn == o.lambda_function_arn;
    }
};

struct PushSync {
    std::vector<std::string> application_arns;
    std::optional<std::string> role_arn;
};

struct CognitoStreams {
    std::optional<std::string> stream_name, role_arn;
    std::optional<std::string> streaming_status; // "ENABLED" or "DISABLED"
};

struct IdentityPoolConfiguration {
    std::string identity_pool_id;
    std::optional<PushSync> push_sync;
    std::optional<CognitoStreams> cognito_streams;
};

struct PushSyncInput {
    std::optional<std::vector<std::string>> application_arns; // nullopt: leave unchanged
    std::optional<std::string> role_arn;
};

struct SetIdentityPoolConfigurationRequest {
    std::string identity_pool_id;
    std::optional<PushSyncInput> push_sync;            // nullopt: leave unchanged
    std::optional<CognitoStreams> cognito_streams;     // nullopt: leave unchanged
};

// ---------------------------------------------------------------- readers and C requests

namespace detail {
inline Record record(const cognito_sync_record *r) {
    Record out;
    out.key = str(cognito_sync_record_key(r));
    if (const char *v = cognito_sync_record_value(r)) out.value = std::string(v, cognito_sync_record_value_len(r));
    cognito_sync_record_sync_count(r, &out.sync_count);
    out.last_modified_date = opt_num(cognito_sync_record_last_modified_date, r);
    out.last_modified_by = opt_str(cognito_sync_record_last_modified_by(r));
    out.device_last_modified_date = opt_num(cognito_sync_record_device_last_modified_date, r);
    return out;
}

inline DatasetMetadata metadata(const cognito_sync_dataset_metadata *m) {
    DatasetMetadata out;
    if (!m) return out;
    out.identity_id = str(cognito_sync_dataset_metadata_identity_id(m));
    out.dataset_name = str(cognito_sync_dataset_metadata_dataset_name(m));
    out.last_modified_by = opt_str(cognito_sync_dataset_metadata_last_modified_by(m));
    out.creation_date = opt_num(cognito_sync_dataset_metadata_creation_date, m);
    out.last_modified_date = opt_num(cognito_sync_dataset_metadata_last_modified_date, m);
    out.data_storage = opt_num(cognito_sync_dataset_metadata_data_storage, m);
    out.num_records = opt_num(cognito_sync_dataset_metadata_num_records, m);
    return out;
}

inline IdentityPoolUsage pool_usage(const cognito_sync_identity_pool_usage *u) {
    IdentityPoolUsage out;
    if (!u) return out;
    out.identity_pool_id = str(cognito_sync_identity_pool_usage_identity_pool_id(u));
    out.sync_sessions_count = opt_num(cognito_sync_identity_pool_usage_sync_sessions_count, u);
    out.data_storage = opt_num(cognito_sync_identity_pool_usage_data_storage, u);
    out.last_modified_date = opt_num(cognito_sync_identity_pool_usage_last_modified_date, u);
    return out;
}

inline std::optional<PushSync> push_sync(const cognito_sync_push_sync *p) {
    if (!p) return std::nullopt;
    PushSync out;
    for (size_t i = 0, n = cognito_sync_push_sync_application_arn_count(p); i < n; i++)
        out.application_arns.push_back(str(cognito_sync_push_sync_application_arn(p, i)));
    out.role_arn = opt_str(cognito_sync_push_sync_role_arn(p));
    return out;
}

inline std::optional<CognitoStreams> streams(const cognito_sync_cognito_streams *s) {
    if (!s) return std::nullopt;
    CognitoStreams out;
    out.stream_name = opt_str(cognito_sync_cognito_streams_stream_name(s));
    out.role_arn = opt_str(cognito_sync_cognito_streams_role_arn(s));
    out.streaming_status = opt_str(cognito_sync_cognito_streams_streaming_status(s));
    return out;
}

// One trait per operation: its request/output types, C functions and reader.
struct ListRecordsOp {
    using Req = cognito_sync_list_records_request;
    using Out = cognito_sync_list_records_output;
    using Value = ListRecordsOutput;
    static constexpr auto call = cognito_sync_list_records;
    static constexpr auto start = cognito_sync_list_records_start;
    static constexpr auto finish = cognito_sync_list_records_finish;
    static constexpr auto free_out = cognito_sync_list_records_output_free;
    static Value read(const Out *o) {
        Value out;
        for (size_t i = 0, n = cognito_sync_list_records_output_record_count(o); i < n; i++)
            out.records.push_back(record(cognito_sync_list_records_output_record(o, i)));
        cognito_sync_list_records_output_dataset_sync_count(o, &out.dataset_sync_count);
        out.sync_session_token = opt_str(cognito_sync_list_records_output_sync_session_token(o));
        out.next_token = opt_str(cognito_sync_list_records_output_next_token(o));
        out.count = opt_num(cognito_sync_list_records_output_count, o);
        out.last_modified_by = opt_str(cognito_sync_list_records_output_last_modified_by(o));
        for (size_t i = 0, n = cognito_sync_list_records_output_merged_dataset_name_count(o); i < n; i++)
            out.merged_dataset_names.push_back(str(cognito_sync_list_records_output_merged_dataset_name(o, i)));
        out.dataset_exists = opt_num(cognito_sync_list_records_output_dataset_exists, o);
        out.dataset_deleted_after_requested_sync_count =
            opt_num(cognito_sync_list_records_output_dataset_deleted_after_requested_sync_count, o);
        return out;
    }
};

struct UpdateRecordsOp {
    using Req = cognito_sync_update_records_request;
    using Out = cognito_sync_update_records_output;
    using Value = std::vector<Record>;
    static constexpr auto call = cognito_sync_update_records;
    static constexpr auto start = cognito_sync_update_records_start;
    static constexpr auto finish = cognito_sync_update_records_finish;
    static constexpr auto free_out = cognito_sync_update_records_output_free;
    static Value read(const Out *o) {
        Value out;
        for (size_t i = 0, n = cognito_sync_update_records_output_record_count(o); i < n; i++)
            out.push_back(record(cognito_sync_update_records_output_record(o, i)));
        return out;
    }
};

struct DescribeDatasetOp {
    using Req = cognito_sync_describe_dataset_request;
    using Out = cognito_sync_describe_dataset_output;
    using Value = DatasetMetadata;
    static constexpr auto call = cognito_sync_describe_dataset;
    static constexpr auto start = cognito_sync_describe_dataset_start;
    static constexpr auto finish = cognito_sync_describe_dataset_finish;
    static constexpr auto free_out = cognito_sync_describe_dataset_output_free;
    static Value read(const Out *o) { return metadata(cognito_sync_describe_dataset_output_dataset(o)); }
};

struct DeleteDatasetOp {
    using Req = cognito_sync_delete_dataset_request;
    using Out = cognito_sync_delete_dataset_output;
    using Value = DatasetMetadata;
    static constexpr auto call = cognito_sync_delete_dataset;
    static constexpr auto start = cognito_sync_delete_dataset_start;
    static constexpr auto finish = cognito_sync_delete_dataset_finish;
    static constexpr auto free_out = cognito_sync_delete_dataset_output_free;
    static Value read(const Out *o) { return metadata(cognito_sync_delete_dataset_output_dataset(o)); }
};

struct ListDatasetsOp {
    using Req = cognito_sync_list_datasets_request;
    using Out = cognito_sync_list_datasets_output;
    using Value = ListDatasetsOutput;
    static constexpr auto call = cognito_sync_list_datasets;
    static constexpr auto start = cognito_sync_list_datasets_start;
    static constexpr auto finish = cognito_sync_list_datasets_finish;
    static constexpr auto free_out = cognito_sync_list_datasets_output_free;
    static Value read(const Out *o) {
        Value out;
        for (size_t i = 0, n = cognito_sync_list_datasets_output_dataset_count(o); i < n; i++)
            out.datasets.push_back(metadata(cognito_sync_list_datasets_output_dataset(o, i)));
        out.next_token = opt_str(cognito_sync_list_datasets_output_next_token(o));
        out.count = opt_num(cognito_sync_list_datasets_output_count, o);
        return out;
    }
};

struct DescribeIdentityUsageOp {
    using Req = cognito_sync_describe_identity_usage_request;
    using Out = cognito_sync_describe_identity_usage_output;
    using Value = IdentityUsage;
    static constexpr auto call = cognito_sync_describe_identity_usage;
    static constexpr auto start = cognito_sync_describe_identity_usage_start;
    static constexpr auto finish = cognito_sync_describe_identity_usage_finish;
    static constexpr auto free_out = cognito_sync_describe_identity_usage_output_free;
    static Value read(const Out *o) {
        Value out;
        const cognito_sync_identity_usage *u = cognito_sync_describe_identity_usage_output_identity_usage(o);
        if (!u) return out;
        out.identity_id = str(cognito_sync_identity_usage_identity_id(u));
        out.identity_pool_id = str(cognito_sync_identity_usage_identity_pool_id(u));
        out.last_modified_date = opt_num(cognito_sync_identity_usage_last_modified_date, u);
        out.data_storage = opt_num(cognito_sync_identity_usage_data_storage, u);
        out.dataset_count = opt_num(cognito_sync_identity_usage_dataset_count, u);
        return out;
    }
};

struct DescribeIdentityPoolUsageOp {
    using Req = cognito_sync_describe_identity_pool_usage_request;
    using Out = cognito_sync_describe_identity_pool_usage_output;
    using Value = IdentityPoolUsage;
    static constexpr auto call = cognito_sync_describe_identity_pool_usage;
    static constexpr auto start = cognito_sync_describe_identity_pool_usage_start;
    static constexpr auto finish = cognito_sync_describe_identity_pool_usage_finish;
    static constexpr auto free_out = cognito_sync_describe_identity_pool_usage_output_free;
    static Value read(const Out *o) {
        return pool_usage(cognito_sync_describe_identity_pool_usage_output_identity_pool_usage(o));
    }
};

struct ListIdentityPoolUsageOp {
    using Req = cognito_sync_list_identity_pool_usage_request;
    using Out = cognito_sync_list_identity_pool_usage_output;
    using Value = ListIdentityPoolUsageOutput;
    static constexpr auto call = cognito_sync_list_identity_pool_usage;
    static constexpr auto start = cognito_sync_list_identity_pool_usage_start;
    static constexpr auto finish = cognito_sync_list_identity_pool_usage_finish;
    static constexpr auto free_out = cognito_sync_list_identity_pool_usage_output_free;
    static Value read(const Out *o) {
        Value out;
        for (size_t i = 0, n = cognito_sync_list_identity_pool_usage_output_identity_pool_usage_count(o); i < n; i++)
            out.usages.push_back(pool_usage(cognito_sync_list_identity_pool_usage_output_identity_pool_usage(o, i)));
        out.max_results = opt_num(cognito_sync_list_identity_pool_usage_output_max_results, o);
        out.count = opt_num(cognito_sync_list_identity_pool_usage_output_count, o);
        out.next_token = opt_str(cognito_sync_list_identity_pool_usage_output_next_token(o));
        return out;
    }
};

struct BulkPublishOp {
    using Req = cognito_sync_bulk_publish_request;
    using Out = cognito_sync_bulk_publish_output;
    using Value = std::string; // the identity pool that was published
    static constexpr auto call = cognito_sync_bulk_publish;
    static constexpr auto start = cognito_sync_bulk_publish_start;
    static constexpr auto finish = cognito_sync_bulk_publish_finish;
    static constexpr auto free_out = cognito_sync_bulk_publish_output_free;
    static Value read(const Out *o) { return str(cognito_sync_bulk_publish_output_identity_pool_id(o)); }
};

struct GetBulkPublishDetailsOp {
    using Req = cognito_sync_get_bulk_publish_details_request;
    using Out = cognito_sync_get_bulk_publish_details_output;
    using Value = BulkPublishDetails;
    static constexpr auto call = cognito_sync_get_bulk_publish_details;
    static constexpr auto start = cognito_sync_get_bulk_publish_details_start;
    static constexpr auto finish = cognito_sync_get_bulk_publish_details_finish;
    static constexpr auto free_out = cognito_sync_get_bulk_publish_details_output_free;
    static Value read(const Out *o) {
        Value out;
        out.identity_pool_id = str(cognito_sync_get_bulk_publish_details_output_identity_pool_id(o));
        out.start_time = opt_num(cognito_sync_get_bulk_publish_details_output_bulk_publish_start_time, o);
        out.complete_time = opt_num(cognito_sync_get_bulk_publish_details_output_bulk_publish_complete_time, o);
        out.status = opt_str(cognito_sync_get_bulk_publish_details_output_bulk_publish_status(o));
        out.failure_message = opt_str(cognito_sync_get_bulk_publish_details_output_failure_message(o));
        return out;
    }
};

struct GetCognitoEventsOp {
    using Req = cognito_sync_get_cognito_events_request;
    using Out = cognito_sync_get_cognito_events_output;
    using Value = std::vector<CognitoEvent>; // sorted by type
    static constexpr auto call = cognito_sync_get_cognito_events;
    static constexpr auto start = cognito_sync_get_cognito_events_start;
    static constexpr auto finish = cognito_sync_get_cognito_events_finish;
    static constexpr auto free_out = cognito_sync_get_cognito_events_output_free;
    static Value read(const Out *o) {
        Value out;
        for (size_t i = 0, n = cognito_sync_get_cognito_events_output_event_count(o); i < n; i++)
            out.push_back(CognitoEvent{str(cognito_sync_get_cognito_events_output_event_type(o, i)),
                                       str(cognito_sync_get_cognito_events_output_event_lambda_function_arn(o, i))});
        return out;
    }
};

struct SetCognitoEventsOp {
    using Req = cognito_sync_set_cognito_events_request;
    static constexpr auto call = cognito_sync_set_cognito_events;
    static constexpr auto start = cognito_sync_set_cognito_events_start;
    static constexpr auto finish = cognito_sync_set_cognito_events_finish;
};

struct GetIdentityPoolConfigurationOp {
    using Req = cognito_sync_get_identity_pool_configuration_request;
    using Out = cognito_sync_get_identity_pool_configuration_output;
    using Value = IdentityPoolConfiguration;
    static constexpr auto call = cognito_sync_get_identity_pool_configuration;
    static constexpr auto start = cognito_sync_get_identity_pool_configuration_start;
    static constexpr auto finish = cognito_sync_get_identity_pool_configuration_finish;
    static constexpr auto free_out = cognito_sync_get_identity_pool_configuration_output_free;
    static Value read(const Out *o) {
        Value out;
        out.identity_pool_id = str(cognito_sync_get_identity_pool_configuration_output_identity_pool_id(o));
        out.push_sync = push_sync(cognito_sync_get_identity_pool_configuration_output_push_sync(o));
        out.cognito_streams = streams(cognito_sync_get_identity_pool_configuration_output_cognito_streams(o));
        return out;
    }
};

struct SetIdentityPoolConfigurationOp {
    using Req = cognito_sync_set_identity_pool_configuration_request;
    using Out = cognito_sync_set_identity_pool_configuration_output;
    using Value = IdentityPoolConfiguration; // what is now in force
    static constexpr auto call = cognito_sync_set_identity_pool_configuration;
    static constexpr auto start = cognito_sync_set_identity_pool_configuration_start;
    static constexpr auto finish = cognito_sync_set_identity_pool_configuration_finish;
    static constexpr auto free_out = cognito_sync_set_identity_pool_configuration_output_free;
    static Value read(const Out *o) {
        Value out;
        out.identity_pool_id = str(cognito_sync_set_identity_pool_configuration_output_identity_pool_id(o));
        out.push_sync = push_sync(cognito_sync_set_identity_pool_configuration_output_push_sync(o));
        out.cognito_streams = streams(cognito_sync_set_identity_pool_configuration_output_cognito_streams(o));
        return out;
    }
};

struct RegisterDeviceOp {
    using Req = cognito_sync_register_device_request;
    using Out = cognito_sync_register_device_output;
    using Value = std::string; // the device id
    static constexpr auto call = cognito_sync_register_device;
    static constexpr auto start = cognito_sync_register_device_start;
    static constexpr auto finish = cognito_sync_register_device_finish;
    static constexpr auto free_out = cognito_sync_register_device_output_free;
    static Value read(const Out *o) { return str(cognito_sync_register_device_output_device_id(o)); }
};

struct SubscribeToDatasetOp {
    using Req = cognito_sync_subscribe_to_dataset_request;
    static constexpr auto call = cognito_sync_subscribe_to_dataset;
    static constexpr auto start = cognito_sync_subscribe_to_dataset_start;
    static constexpr auto finish = cognito_sync_subscribe_to_dataset_finish;
};

struct UnsubscribeFromDatasetOp {
    using Req = cognito_sync_unsubscribe_from_dataset_request;
    static constexpr auto call = cognito_sync_unsubscribe_from_dataset;
    static constexpr auto start = cognito_sync_unsubscribe_from_dataset_start;
    static constexpr auto finish = cognito_sync_unsubscribe_from_dataset_finish;
};

// C requests plus the storage they point into (the library copies a request
// before a _start returns, so these may die right after the call).
struct UpdateRecordsC {
    std::vector<cognito_sync_record_patch> patches;
    cognito_sync_update_records_request req{};
    bool nul;
    explicit UpdateRecordsC(const UpdateRecordsRequest &r)
        : nul(any_nul(r.identity_pool_id, r.identity_id, r.dataset_name, r.sync_session_token, r.device_id,
                      r.client_context)) {
        for (const RecordPatch &p : r.patches) {
            nul = nul || any_nul(p.key, p.value);
            cognito_sync_record_patch c{};
            c.op = p.remove ? COGNITO_SYNC_OPERATION_REMOVE : COGNITO_SYNC_OPERATION_REPLACE;
            c.key = p.key.c_str();
            c.value = p.remove ? nullptr : p.value.c_str();
            c.sync_count = p.sync_count;
            c.device_last_modified_date = p.device_last_modified_date ? &*p.device_last_modified_date : nullptr;
            patches.push_back(c);
        }
        req.identity_pool_id = r.identity_pool_id.c_str();
        req.identity_id = r.identity_id.c_str();
        req.dataset_name = r.dataset_name.c_str();
        req.device_id = opt(r.device_id);
        req.record_patches = patches.data();
        req.record_patch_count = patches.size();
        req.sync_session_token = r.sync_session_token.c_str();
        req.client_context = opt(r.client_context);
    }
};

struct ListRecordsC {
    cognito_sync_list_records_request req{};
    int64_t last;
    int32_t max;
    bool nul;
    explicit ListRecordsC(const ListRecordsRequest &r)
        : last(r.last_sync_count.value_or(0)), max(r.max_results.value_or(0)),
          nul(any_nul(r.identity_pool_id, r.identity_id, r.dataset_name, r.next_token, r.sync_session_token)) {
        req.identity_pool_id = r.identity_pool_id.c_str();
        req.identity_id = r.identity_id.c_str();
        req.dataset_name = r.dataset_name.c_str();
        req.last_sync_count = r.last_sync_count ? &last : nullptr;
        req.next_token = opt(r.next_token);
        req.max_results = r.max_results ? &max : nullptr;
        req.sync_session_token = opt(r.sync_session_token);
    }
};

// Pool, identity and dataset (DescribeDataset and DeleteDataset share the layout).
template <class Req> struct DatasetC {
    CStr pool, identity, dataset;
    Req req;
    bool nul;
    DatasetC(std::string_view p, std::string_view i, std::string_view d)
        : pool(p), identity(i), dataset(d), req{pool.get(), identity.get(), dataset.get()}, nul(any_nul(p, i, d)) {}
};

struct ListDatasetsC {
    CStr pool, identity;
    OptCStr token;
    int32_t max;
    cognito_sync_list_datasets_request req;
    ListDatasetsC(std::string_view p, std::string_view i, std::optional<std::string_view> t, std::optional<int32_t> m)
        : pool(p), identity(i), token(t), max(m.value_or(0)),
          req{pool.get(), identity.get(), token.get(), m ? &max : nullptr}, nul(any_nul(p, i, t)) {}
    bool nul;
};

// A request whose only member is the identity pool.
template <class Req> struct PoolC {
    CStr pool;
    Req req;
    bool nul;
    explicit PoolC(std::string_view p) : pool(p), req{pool.get()}, nul(has_nul(p)) {}
};

struct IdentityUsageC {
    CStr pool, identity;
    cognito_sync_describe_identity_usage_request req;
    bool nul;
    IdentityUsageC(std::string_view p, std::string_view i)
        : pool(p), identity(i), req{pool.get(), identity.get()}, nul(any_nul(p, i)) {}
};

struct ListPoolUsageC {
    OptCStr token;
    int32_t max;
    cognito_sync_list_identity_pool_usage_request req;
    ListPoolUsageC(std::optional<std::string_view> t, std::optional<int32_t> m)
        : token(t), max(m.value_or(0)), req{token.get(), m ? &max : nullptr}, nul(has_nul(t)) {}
    bool nul;
};

struct SetEventsC {
    CStr pool;
    std::vector<cognito_sync_cognito_event> events;
    cognito_sync_set_cognito_events_request req{};
    bool nul;
    SetEventsC(std::string_view p, const std::vector<CognitoEvent> &e) : pool(p), nul(has_nul(p)) {
        for (const CognitoEvent &ev : e) {
            nul = nul || any_nul(ev.event_type, ev.lambda_function_arn);
            events.push_back(cognito_sync_cognito_event{ev.event_type.c_str(), ev.lambda_function_arn.c_str()});
        }
        req.identity_pool_id = pool.get();
        req.events = events.data();
        req.event_count = events.size();
    }
};

struct SetConfigurationC {
    std::vector<const char *> arns;
    cognito_sync_push_sync_input push{};
    cognito_sync_cognito_streams_input streams{};
    cognito_sync_set_identity_pool_configuration_request req{};
    bool nul;
    explicit SetConfigurationC(const SetIdentityPoolConfigurationRequest &r) : nul(has_nul(r.identity_pool_id)) {
        req.identity_pool_id = r.identity_pool_id.c_str();
        if (r.push_sync) {
            nul = nul || any_nul(r.push_sync->role_arn) ||
                  (r.push_sync->application_arns && has_nul(*r.push_sync->application_arns));
            if (r.push_sync->application_arns) {
                for (const std::string &a : *r.push_sync->application_arns) arns.push_back(a.c_str());
                // Non-NULL even when empty: an empty list, not an absent one.
                static const char *const no_arns[1] = {nullptr};
                push.application_arns = arns.empty() ? no_arns : arns.data();
                push.application_arn_count = arns.size();
            }
            push.role_arn = opt(r.push_sync->role_arn);
            req.push_sync = &push;
        }
        if (r.cognito_streams) {
            const CognitoStreams &cs = *r.cognito_streams;
            nul = nul || any_nul(cs.stream_name, cs.role_arn, cs.streaming_status);
            streams.stream_name = opt(r.cognito_streams->stream_name);
            streams.role_arn = opt(r.cognito_streams->role_arn);
            streams.streaming_status = opt(r.cognito_streams->streaming_status);
            req.cognito_streams = &streams;
        }
    }
};

struct RegisterDeviceC {
    CStr pool, identity, platform, token;
    cognito_sync_register_device_request req;
    RegisterDeviceC(std::string_view p, std::string_view i, std::string_view pl, std::string_view t)
        : pool(p), identity(i), platform(pl), token(t), req{pool.get(), identity.get(), platform.get(), token.get()},
          nul(any_nul(p, i, pl, t)) {}
    bool nul;
};

// SubscribeToDataset and UnsubscribeFromDataset share the layout.
template <class Req> struct SubscriptionC {
    CStr pool, identity, dataset, device;
    Req req;
    SubscriptionC(std::string_view p, std::string_view i, std::string_view d, std::string_view dev)
        : pool(p), identity(i), dataset(d), device(dev), req{pool.get(), identity.get(), dataset.get(), device.get()},
          nul(any_nul(p, i, d, dev)) {}
    bool nul;
};
} // namespace detail

// ---------------------------------------------------------------- client

// A thread-safe client. Move-only. Each operation has a blocking form and a
// non-blocking `_async` form (a Pending<T>, with an optional Callback).
class Client {
  public:
    static Result<Client> create(const Config &config) {
        cognito_sync_client *c = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_client_new(config.get(), &c, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Client>(s, err);
        return Client(c);
    }
    const cognito_sync_client *get() const { return ptr_.get(); }

    // Host dispatch (Config::host_dispatch): runs up to `max` waiting
    // completion callbacks on this thread; how many ran.
    Result<size_t> dispatch(size_t max) const {
        size_t ran = 0;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_client_dispatch(ptr_.get(), max, &ran, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<size_t>(s, err);
        return ran;
    }

    // The Cognito identity id (Config::cognito_identity clients).
    Result<std::string> identity_id() const {
        char *id = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_client_identity_id(ptr_.get(), &id, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<std::string>(s, err);
        return detail::take_string(id);
    }
    Result<Pending<std::string>> identity_id_async(Callback on_done = {}) const {
        return detail::start<std::string>(
            [&](cognito_sync_callback f, void *ud, cognito_sync_op **op, cognito_sync_error **err) {
                return cognito_sync_client_identity_id_start(ptr_.get(), f, ud, op, err);
            },
            [](cognito_sync_op *o) -> Result<std::string> {
                char *id = nullptr;
                cognito_sync_error *e = nullptr;
                cognito_sync_status st = cognito_sync_client_identity_id_finish(o, &id, &e);
                if (st != COGNITO_SYNC_STATUS_OK) return detail::fail<std::string>(st, e);
                return detail::take_string(id);
            },
            std::move(on_done));
    }

    // ListRecords / UpdateRecords.
    Result<ListRecordsOutput> list_records(const ListRecordsRequest &r) const {
        detail::ListRecordsC c(r);
        return detail::call<detail::ListRecordsOp>(ptr_.get(), c);
    }
    Result<Pending<ListRecordsOutput>> list_records_async(const ListRecordsRequest &r, Callback on_done = {}) const {
        detail::ListRecordsC c(r);
        return detail::call_async<detail::ListRecordsOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<std::vector<Record>> update_records(const UpdateRecordsRequest &r) const {
        detail::UpdateRecordsC c(r);
        return detail::call<detail::UpdateRecordsOp>(ptr_.get(), c);
    }
    Result<Pending<std::vector<Record>>> update_records_async(const UpdateRecordsRequest &r,
                                                              Callback on_done = {}) const {
        detail::UpdateRecordsC c(r);
        return detail::call_async<detail::UpdateRecordsOp>(ptr_.get(), c, std::move(on_done));
    }

    // DescribeDataset / DeleteDataset (both answer the dataset's metadata) and ListDatasets.
    Result<DatasetMetadata> describe_dataset(std::string_view pool, std::string_view identity,
                                             std::string_view dataset) const {
        detail::DatasetC<cognito_sync_describe_dataset_request> c(pool, identity, dataset);
        return detail::call<detail::DescribeDatasetOp>(ptr_.get(), c);
    }
    Result<Pending<DatasetMetadata>> describe_dataset_async(std::string_view pool, std::string_view identity,
                                                            std::string_view dataset, Callback on_done = {}) const {
        detail::DatasetC<cognito_sync_describe_dataset_request> c(pool, identity, dataset);
        return detail::call_async<detail::DescribeDatasetOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<DatasetMetadata> delete_dataset(std::string_view pool, std::string_view identity,
                                           std::string_view dataset) const {
        detail::DatasetC<cognito_sync_delete_dataset_request> c(pool, identity, dataset);
        return detail::call<detail::DeleteDatasetOp>(ptr_.get(), c);
    }
    Result<Pending<DatasetMetadata>> delete_dataset_async(std::string_view pool, std::string_view identity,
                                                          std::string_view dataset, Callback on_done = {}) const {
        detail::DatasetC<cognito_sync_delete_dataset_request> c(pool, identity, dataset);
        return detail::call_async<detail::DeleteDatasetOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<ListDatasetsOutput> list_datasets(std::string_view pool, std::string_view identity,
                                             std::optional<std::string_view> next_token = std::nullopt,
                                             std::optional<int32_t> max_results = std::nullopt) const {
        detail::ListDatasetsC c(pool, identity, next_token, max_results);
        return detail::call<detail::ListDatasetsOp>(ptr_.get(), c);
    }
    Result<Pending<ListDatasetsOutput>> list_datasets_async(std::string_view pool, std::string_view identity,
                                                            std::optional<std::string_view> next_token = std::nullopt,
                                                            std::optional<int32_t> max_results = std::nullopt,
                                                            Callback on_done = {}) const {
        detail::ListDatasetsC c(pool, identity, next_token, max_results);
        return detail::call_async<detail::ListDatasetsOp>(ptr_.get(), c, std::move(on_done));
    }

    // Usage: DescribeIdentityUsage, and (developer credentials)
    // DescribeIdentityPoolUsage and ListIdentityPoolUsage.
    Result<IdentityUsage> describe_identity_usage(std::string_view pool, std::string_view identity) const {
        detail::IdentityUsageC c(pool, identity);
        return detail::call<detail::DescribeIdentityUsageOp>(ptr_.get(), c);
    }
    Result<Pending<IdentityUsage>> describe_identity_usage_async(std::string_view pool, std::string_view identity,
                                                                 Callback on_done = {}) const {
        detail::IdentityUsageC c(pool, identity);
        return detail::call_async<detail::DescribeIdentityUsageOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<IdentityPoolUsage> describe_identity_pool_usage(std::string_view pool) const {
        detail::PoolC<cognito_sync_describe_identity_pool_usage_request> c(pool);
        return detail::call<detail::DescribeIdentityPoolUsageOp>(ptr_.get(), c);
    }
    Result<Pending<IdentityPoolUsage>> describe_identity_pool_usage_async(std::string_view pool,
                                                                          Callback on_done = {}) const {
        detail::PoolC<cognito_sync_describe_identity_pool_usage_request> c(pool);
        return detail::call_async<detail::DescribeIdentityPoolUsageOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<ListIdentityPoolUsageOutput> list_identity_pool_usage(
        std::optional<std::string_view> next_token = std::nullopt,
        std::optional<int32_t> max_results = std::nullopt) const {
        detail::ListPoolUsageC c(next_token, max_results);
        return detail::call<detail::ListIdentityPoolUsageOp>(ptr_.get(), c);
    }
    Result<Pending<ListIdentityPoolUsageOutput>> list_identity_pool_usage_async(
        std::optional<std::string_view> next_token = std::nullopt, std::optional<int32_t> max_results = std::nullopt,
        Callback on_done = {}) const {
        detail::ListPoolUsageC c(next_token, max_results);
        return detail::call_async<detail::ListIdentityPoolUsageOp>(ptr_.get(), c, std::move(on_done));
    }

    // Cognito streams: BulkPublish (answers the pool published) and its details
    // (developer credentials).
    Result<std::string> bulk_publish(std::string_view pool) const {
        detail::PoolC<cognito_sync_bulk_publish_request> c(pool);
        return detail::call<detail::BulkPublishOp>(ptr_.get(), c);
    }
    Result<Pending<std::string>> bulk_publish_async(std::string_view pool, Callback on_done = {}) const {
        detail::PoolC<cognito_sync_bulk_publish_request> c(pool);
        return detail::call_async<detail::BulkPublishOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<BulkPublishDetails> get_bulk_publish_details(std::string_view pool) const {
        detail::PoolC<cognito_sync_get_bulk_publish_details_request> c(pool);
        return detail::call<detail::GetBulkPublishDetailsOp>(ptr_.get(), c);
    }
    Result<Pending<BulkPublishDetails>> get_bulk_publish_details_async(std::string_view pool,
                                                                       Callback on_done = {}) const {
        detail::PoolC<cognito_sync_get_bulk_publish_details_request> c(pool);
        return detail::call_async<detail::GetBulkPublishDetailsOp>(ptr_.get(), c, std::move(on_done));
    }

    // Cognito events (developer credentials).
    Result<std::vector<CognitoEvent>> get_cognito_events(std::string_view pool) const {
        detail::PoolC<cognito_sync_get_cognito_events_request> c(pool);
        return detail::call<detail::GetCognitoEventsOp>(ptr_.get(), c);
    }
    Result<Pending<std::vector<CognitoEvent>>> get_cognito_events_async(std::string_view pool,
                                                                         Callback on_done = {}) const {
        detail::PoolC<cognito_sync_get_cognito_events_request> c(pool);
        return detail::call_async<detail::GetCognitoEventsOp>(ptr_.get(), c, std::move(on_done));
    }
    Status set_cognito_events(std::string_view pool, const std::vector<CognitoEvent> &events) const {
        detail::SetEventsC c(pool, events);
        return detail::call_unit<detail::SetCognitoEventsOp>(ptr_.get(), c);
    }
    Result<Pending<Unit>> set_cognito_events_async(std::string_view pool, const std::vector<CognitoEvent> &events,
                                                   Callback on_done = {}) const {
        detail::SetEventsC c(pool, events);
        return detail::call_unit_async<detail::SetCognitoEventsOp>(ptr_.get(), c, std::move(on_done));
    }

    // Identity pool configuration: push sync and Cognito streams (developer credentials).
    Result<IdentityPoolConfiguration> get_identity_pool_configuration(std::string_view pool) const {
        detail::PoolC<cognito_sync_get_identity_pool_configuration_request> c(pool);
        return detail::call<detail::GetIdentityPoolConfigurationOp>(ptr_.get(), c);
    }
    Result<Pending<IdentityPoolConfiguration>> get_identity_pool_configuration_async(std::string_view pool,
                                                                                     Callback on_done = {}) const {
        detail::PoolC<cognito_sync_get_identity_pool_configuration_request> c(pool);
        return detail::call_async<detail::GetIdentityPoolConfigurationOp>(ptr_.get(), c, std::move(on_done));
    }
    Result<IdentityPoolConfiguration> set_identity_pool_configuration(
        const SetIdentityPoolConfigurationRequest &r) const {
        detail::SetConfigurationC c(r);
        return detail::call<detail::SetIdentityPoolConfigurationOp>(ptr_.get(), c);
    }
    Result<Pending<IdentityPoolConfiguration>> set_identity_pool_configuration_async(
        const SetIdentityPoolConfigurationRequest &r, Callback on_done = {}) const {
        detail::SetConfigurationC c(r);
        return detail::call_async<detail::SetIdentityPoolConfigurationOp>(ptr_.get(), c, std::move(on_done));
    }

    // Push sync (Cognito credentials): RegisterDevice answers the device id.
    Result<std::string> register_device(std::string_view pool, std::string_view identity, std::string_view platform,
                                        std::string_view token) const {
        detail::RegisterDeviceC c(pool, identity, platform, token);
        return detail::call<detail::RegisterDeviceOp>(ptr_.get(), c);
    }
    Result<Pending<std::string>> register_device_async(std::string_view pool, std::string_view identity,
                                                       std::string_view platform, std::string_view token,
                                                       Callback on_done = {}) const {
        detail::RegisterDeviceC c(pool, identity, platform, token);
        return detail::call_async<detail::RegisterDeviceOp>(ptr_.get(), c, std::move(on_done));
    }
    Status subscribe_to_dataset(std::string_view pool, std::string_view identity, std::string_view dataset,
                                std::string_view device_id) const {
        detail::SubscriptionC<cognito_sync_subscribe_to_dataset_request> c(pool, identity, dataset, device_id);
        return detail::call_unit<detail::SubscribeToDatasetOp>(ptr_.get(), c);
    }
    Result<Pending<Unit>> subscribe_to_dataset_async(std::string_view pool, std::string_view identity,
                                                     std::string_view dataset, std::string_view device_id,
                                                     Callback on_done = {}) const {
        detail::SubscriptionC<cognito_sync_subscribe_to_dataset_request> c(pool, identity, dataset, device_id);
        return detail::call_unit_async<detail::SubscribeToDatasetOp>(ptr_.get(), c, std::move(on_done));
    }
    Status unsubscribe_from_dataset(std::string_view pool, std::string_view identity, std::string_view dataset,
                                    std::string_view device_id) const {
        detail::SubscriptionC<cognito_sync_unsubscribe_from_dataset_request> c(pool, identity, dataset, device_id);
        return detail::call_unit<detail::UnsubscribeFromDatasetOp>(ptr_.get(), c);
    }
    Result<Pending<Unit>> unsubscribe_from_dataset_async(std::string_view pool, std::string_view identity,
                                                         std::string_view dataset, std::string_view device_id,
                                                         Callback on_done = {}) const {
        detail::SubscriptionC<cognito_sync_unsubscribe_from_dataset_request> c(pool, identity, dataset, device_id);
        return detail::call_unit_async<detail::UnsubscribeFromDatasetOp>(ptr_.get(), c, std::move(on_done));
    }

  private:
    explicit Client(cognito_sync_client *c) : ptr_(c) {}
    detail::Owned<cognito_sync_client, cognito_sync_client_free> ptr_;
};

// ---------------------------------------------------------------- sync manager

// A conflict the resolver decides (a view valid only inside the resolver).
class Conflict {
  public:
    explicit Conflict(cognito_sync_conflict *c) : c_(c) {}
    std::string identity_id() const { return detail::str(cognito_sync_conflict_identity_id(c_)); }
    std::string dataset() const { return detail::str(cognito_sync_conflict_dataset(c_)); }
    std::string key() const { return detail::str(cognito_sync_conflict_key(c_)); }
    // nullopt when the record was removed on that side.
    std::optional<std::string> local_value() const { return detail::opt_str(cognito_sync_conflict_local_value(c_)); }
    std::optional<std::string> remote_value() const {
        return detail::opt_str(cognito_sync_conflict_remote_value(c_));
    }
    // The service's sync count of the local (base) or remote version.
    int64_t sync_count(bool local) const { return cognito_sync_conflict_sync_count(c_, local); }
    // Device clock of the last change of the local or remote version (ms since the epoch).
    std::optional<int64_t> device_last_modified(bool local) const {
        int64_t v = 0;
        return cognito_sync_conflict_device_last_modified(c_, local, &v) ? std::optional<int64_t>(v) : std::nullopt;
    }
    std::optional<int64_t> remote_last_modified() const {
        return detail::opt_num(cognito_sync_conflict_remote_last_modified, static_cast<const cognito_sync_conflict *>(c_));
    }
    std::optional<std::string> remote_last_modified_by() const {
        return detail::opt_str(cognito_sync_conflict_remote_last_modified_by(c_));
    }
    // The merged value kept when the resolver returns Resolution::UseValue.
    Status set_value(std::string_view v) {
        if (detail::has_nul(v)) return detail::nul_error();
        detail::CStr c(v);
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_conflict_set_value(c_, c.get(), &err), err);
    }

  private:
    cognito_sync_conflict *c_;
};

enum class Resolution : uint32_t {
    KeepLocal = COGNITO_SYNC_RESOLUTION_KEEP_LOCAL,
    KeepRemote = COGNITO_SYNC_RESOLUTION_KEEP_REMOTE,
    UseValue = COGNITO_SYNC_RESOLUTION_USE_VALUE,
    Remove = COGNITO_SYNC_RESOLUTION_REMOVE,
    Abort = COGNITO_SYNC_RESOLUTION_ABORT,
};

enum class ConflictPolicy : uint32_t {
    LastWriterWins = COGNITO_SYNC_CONFLICT_POLICY_LAST_WRITER_WINS,
    RemoteWins = COGNITO_SYNC_CONFLICT_POLICY_REMOTE_WINS,
    LocalWins = COGNITO_SYNC_CONFLICT_POLICY_LOCAL_WINS,
};

// What happens to the local copy of a dataset deleted on the service.
enum class DatasetDeletedAction : uint32_t {
    DeleteLocal = COGNITO_SYNC_DATASET_DELETED_ACTION_DELETE_LOCAL,
    KeepUnsynced = COGNITO_SYNC_DATASET_DELETED_ACTION_KEEP_UNSYNCED,
    RestoreFromLocal = COGNITO_SYNC_DATASET_DELETED_ACTION_RESTORE_FROM_LOCAL,
};

// What one synchronize did.
struct SyncReport {
    uint64_t pushed = 0;
    uint64_t conflicts = 0;
    std::vector<std::string> changed_keys;
    std::string dataset;
    std::string identity_id;
    uint64_t sync_id = 0;
    uint32_t attempts = 0;
    uint32_t requests = 0;
    int64_t last_sync_count = -1;
    std::vector<std::string> merged_datasets;
    bool deleted = false;
    bool deleted_remotely = false;
    bool coalesced = false;
};

namespace detail {
inline SyncReport report(const cognito_sync_sync_report *r) {
    SyncReport out;
    out.pushed = cognito_sync_sync_report_pushed(r);
    out.conflicts = cognito_sync_sync_report_conflicts(r);
    for (size_t i = 0, n = cognito_sync_sync_report_changed_key_count(r); i < n; i++)
        out.changed_keys.push_back(str(cognito_sync_sync_report_changed_key(r, i)));
    out.dataset = str(cognito_sync_sync_report_dataset(r));
    out.identity_id = str(cognito_sync_sync_report_identity_id(r));
    out.sync_id = cognito_sync_sync_report_sync_id(r);
    out.attempts = cognito_sync_sync_report_attempts(r);
    out.requests = cognito_sync_sync_report_requests(r);
    out.last_sync_count = cognito_sync_sync_report_last_sync_count(r);
    for (size_t i = 0, n = cognito_sync_sync_report_merged_dataset_count(r); i < n; i++)
        out.merged_datasets.push_back(str(cognito_sync_sync_report_merged_dataset(r, i)));
    out.deleted = cognito_sync_sync_report_deleted(r);
    out.deleted_remotely = cognito_sync_sync_report_deleted_remotely(r);
    out.coalesced = cognito_sync_sync_report_coalesced(r);
    return out;
}
inline Result<SyncReport> sync_out(cognito_sync_status s, cognito_sync_sync_report *r, cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<SyncReport>(s, err);
    Owned<cognito_sync_sync_report, cognito_sync_sync_report_free> own(r);
    return report(r);
}
inline Result<std::vector<std::string>> strings_out(cognito_sync_status s, cognito_sync_string_list *l,
                                                    cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<std::vector<std::string>>(s, err);
    Owned<cognito_sync_string_list, cognito_sync_string_list_free> own(l);
    std::vector<std::string> out;
    for (size_t i = 0, n = cognito_sync_string_list_count(l); i < n; i++)
        out.push_back(str(cognito_sync_string_list_item(l, i)));
    return out;
}
using SyncFinish = cognito_sync_status (*)(cognito_sync_op *, cognito_sync_sync_report **, cognito_sync_error **);
template <SyncFinish F> Result<SyncReport> finish_sync(cognito_sync_op *o) {
    cognito_sync_sync_report *r = nullptr;
    cognito_sync_error *e = nullptr;
    cognito_sync_status st = F(o, &r, &e);
    return sync_out(st, r, e);
}
} // namespace detail

// A dataset of the local store. Move-only. Reads and writes are local.
class Dataset {
  public:
    explicit Dataset(cognito_sync_dataset *d) : ptr_(d) {}
    // The value, or nullopt when the key is absent or removed.
    Result<std::optional<std::string>> get(std::string_view key) const {
        if (detail::has_nul(key)) return detail::nul_error();
        detail::CStr k(key);
        char *v = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_get(ptr_.get(), k.get(), &v, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<std::optional<std::string>>(s, err);
        if (!v) return std::optional<std::string>();
        return std::optional<std::string>(detail::take_string(v));
    }
    Status put(std::string_view key, std::string_view value) const {
        if (detail::any_nul(key, value)) return detail::nul_error();
        detail::CStr k(key), v(value);
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_dataset_put(ptr_.get(), k.get(), v.get(), &err), err);
    }
    Status remove(std::string_view key) const {
        if (detail::has_nul(key)) return detail::nul_error();
        detail::CStr k(key);
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_dataset_remove(ptr_.get(), k.get(), &err), err);
    }
    Result<std::vector<std::pair<std::string, std::string>>> get_all() const {
        using KV = std::vector<std::pair<std::string, std::string>>;
        cognito_sync_key_values *kv = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_get_all(ptr_.get(), &kv, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<KV>(s, err);
        detail::Owned<cognito_sync_key_values, cognito_sync_key_values_free> own(kv);
        KV out;
        for (size_t i = 0, n = cognito_sync_key_values_count(kv); i < n; i++)
            out.emplace_back(detail::str(cognito_sync_key_values_key(kv, i)),
                             detail::str(cognito_sync_key_values_value(kv, i)));
        return out;
    }
    Result<uint64_t> count() const { return u64(cognito_sync_dataset_count); }
    // Size in bytes as the service counts it (keys and values).
    Result<uint64_t> size_in_bytes() const { return u64(cognito_sync_dataset_size_in_bytes); }
    Result<bool> has_unsynced_changes() const {
        bool b = false;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_has_unsynced_changes(ptr_.get(), &b, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<bool>(s, err);
        return b;
    }
    // Deletes the dataset locally; the next synchronize deletes it on the service.
    Status delete_dataset() const {
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_dataset_delete(ptr_.get(), &err), err);
    }
    Result<SyncReport> synchronize() const {
        cognito_sync_sync_report *r = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_synchronize(ptr_.get(), &r, &err);
        return detail::sync_out(s, r, err);
    }
    Result<Pending<SyncReport>> synchronize_async(Callback on_done = {}) const {
        return detail::start<SyncReport>(
            [&](cognito_sync_callback f, void *ud, cognito_sync_op **op, cognito_sync_error **err) {
                return cognito_sync_dataset_synchronize_start(ptr_.get(), f, ud, op, err);
            },
            &detail::finish_sync<cognito_sync_dataset_synchronize_finish>, std::move(on_done));
    }
    // Pulls everything again, reconciles with the local copy, pushes.
    Result<SyncReport> full_resync() const {
        cognito_sync_sync_report *r = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_full_resync(ptr_.get(), &r, &err);
        return detail::sync_out(s, r, err);
    }
    Result<Pending<SyncReport>> full_resync_async(Callback on_done = {}) const {
        return detail::start<SyncReport>(
            [&](cognito_sync_callback f, void *ud, cognito_sync_op **op, cognito_sync_error **err) {
                return cognito_sync_dataset_full_resync_start(ptr_.get(), f, ud, op, err);
            },
            &detail::finish_sync<cognito_sync_dataset_full_resync_finish>, std::move(on_done));
    }

    const cognito_sync_dataset *get() const { return ptr_.get(); }

  private:
    Result<uint64_t> u64(cognito_sync_status (*f)(const cognito_sync_dataset *, uint64_t *, cognito_sync_error **)) const {
        uint64_t n = 0;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = f(ptr_.get(), &n, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<uint64_t>(s, err);
        return n;
    }
    detail::Owned<cognito_sync_dataset, cognito_sync_dataset_free> ptr_;
};

struct ManagerOptions {
    std::string identity_pool_id;
    std::string identity_id;    // empty: asked from the client's Cognito Identity provider
    std::string store_path;     // empty: an in-memory store
    std::optional<std::string> device_id;
    // Set: it decides each conflict (the policy is then ignored).
    std::function<Resolution(Conflict &)> resolver;
    ConflictPolicy policy = ConflictPolicy::LastWriterWins;
};

// One sync manager event, copied out (poll them once per frame).
struct Event {
    cognito_sync_event_kind kind = COGNITO_SYNC_EVENT_KIND_OTHER;
    std::optional<std::string> dataset, identity_id, previous_identity_id;
    cognito_sync_change_source source = COGNITO_SYNC_CHANGE_SOURCE_NONE;
    cognito_sync_sync_phase phase = COGNITO_SYNC_SYNC_PHASE_NONE;
    // Changed keys (CHANGED), merged dataset names (DATASETS_MERGED), moved datasets (IDENTITY_CHANGED).
    std::vector<std::string> keys;
    std::optional<uint64_t> sync_id;
    std::optional<SyncReport> report; // SYNC_SUCCEEDED
    std::optional<Error> error;       // SYNC_FAILED
    uint64_t dropped_count = 0;       // EVENTS_DROPPED
};

enum class IdentitySwitch : uint32_t {
    KeepSeparate = COGNITO_SYNC_IDENTITY_SWITCH_KEEP_SEPARATE,
    MoveData = COGNITO_SYNC_IDENTITY_SWITCH_MOVE_DATA,
    DiscardPrevious = COGNITO_SYNC_IDENTITY_SWITCH_DISCARD_PREVIOUS,
};

// Decides what happens to a dataset deleted on the service (identity id, dataset).
using DatasetDeletedHandler = std::function<DatasetDeletedAction(std::string_view, std::string_view)>;
// Told about datasets merged into a dataset (identity id, dataset, merged names).
using DatasetsMergedHandler =
    std::function<void(std::string_view, std::string_view, const std::vector<std::string> &)>;

namespace detail {
inline Result<std::optional<Event>> event_out(cognito_sync_status s, cognito_sync_event *e, cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<std::optional<Event>>(s, err);
    if (!e) return std::optional<Event>();
    Owned<cognito_sync_event, cognito_sync_event_free> own(e);
    Event out;
    out.kind = cognito_sync_event_get_kind(e);
    out.dataset = opt_str(cognito_sync_event_dataset(e));
    out.identity_id = opt_str(cognito_sync_event_identity_id(e));
    out.previous_identity_id = opt_str(cognito_sync_event_previous_identity_id(e));
    out.source = cognito_sync_event_source(e);
    out.phase = cognito_sync_event_phase(e);
    for (size_t i = 0, n = cognito_sync_event_key_count(e); i < n; i++)
        out.keys.push_back(str(cognito_sync_event_key(e, i)));
    out.sync_id = opt_num(cognito_sync_event_sync_id, static_cast<const cognito_sync_event *>(e));
    if (const cognito_sync_sync_report *r = cognito_sync_event_report(e)) out.report = report(r);
    if (const cognito_sync_error *er = cognito_sync_event_error(e)) out.error = copy_error(er);
    out.dropped_count = cognito_sync_event_dropped_count(e);
    return std::optional<Event>(std::move(out));
}
} // namespace detail

// The sync manager (local store + synchronize). Move-only. Its Datasets keep
// the store open; one that outlives it still reads and writes locally, but its
// synchronizes are CANCELLED (the resolver and handlers went with the manager).
class Manager {
  public:
    // A manager that synchronizes through `client` (which may be destroyed afterwards).
    static Result<Manager> create(const Client &client, ManagerOptions o) { return make(client.get(), std::move(o)); }
    // A local-only store: synchronize fails with VALIDATION.
    static Result<Manager> create_local(ManagerOptions o) { return make(nullptr, std::move(o)); }
    Manager(Manager &&) noexcept = default;
    // Frees the current manager before the resolver and handlers it may call.
    Manager &operator=(Manager &&o) noexcept {
        if (this != &o) {
            ptr_.reset();
            resolver_ = std::move(o.resolver_);
            deleted_ = std::move(o.deleted_);
            merged_ = std::move(o.merged_);
            ptr_ = std::move(o.ptr_);
        }
        return *this;
    }

    Result<Dataset> open_dataset(std::string_view name) const {
        if (detail::has_nul(name)) return detail::nul_error();
        detail::CStr n(name);
        cognito_sync_dataset *d = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_open_dataset(ptr_.get(), n.get(), &d, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Dataset>(s, err);
        return Dataset(d);
    }

    const cognito_sync_manager *get() const { return ptr_.get(); }

    // The store's active identity id.
    Result<std::string> identity_id() const {
        char *id = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_identity_id(ptr_.get(), &id, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<std::string>(s, err);
        return detail::take_string(id);
    }
    // The names of the local datasets.
    Result<std::vector<std::string>> list_datasets() const {
        cognito_sync_string_list *l = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_list_datasets(ptr_.get(), &l, &err);
        return detail::strings_out(s, l, err);
    }
    // Learns the identity's datasets from the service (blocking); the local names afterwards.
    Result<std::vector<std::string>> refresh_datasets() const {
        cognito_sync_string_list *l = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_refresh_datasets(ptr_.get(), &l, &err);
        return detail::strings_out(s, l, err);
    }
    // Refreshes, then synchronizes every dataset; the names of those that failed.
    Result<std::vector<std::string>> synchronize_all() const {
        cognito_sync_string_list *l = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_synchronize_all(ptr_.get(), &l, &err);
        return detail::strings_out(s, l, err);
    }
    Result<Pending<std::vector<std::string>>> synchronize_all_async(Callback on_done = {}) const {
        return detail::start<std::vector<std::string>>(
            [&](cognito_sync_callback f, void *ud, cognito_sync_op **op, cognito_sync_error **err) {
                return cognito_sync_manager_synchronize_all_start(ptr_.get(), f, ud, op, err);
            },
            [](cognito_sync_op *o) {
                cognito_sync_string_list *l = nullptr;
                cognito_sync_error *e = nullptr;
                cognito_sync_status st = cognito_sync_manager_synchronize_all_finish(o, &l, &e);
                return detail::strings_out(st, l, e);
            },
            std::move(on_done));
    }
    // Makes identity_id the active identity; the names of the datasets moved.
    Result<std::vector<std::string>> switch_identity(std::string_view identity_id, IdentitySwitch mode) const {
        if (detail::has_nul(identity_id)) return detail::nul_error();
        detail::CStr id(identity_id);
        cognito_sync_string_list *l = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_switch_identity(ptr_.get(), id.get(), static_cast<uint32_t>(mode),
                                                                     &l, &err);
        return detail::strings_out(s, l, err);
    }
    // Deletes every local dataset of every identity (the service is untouched).
    Status wipe() const {
        cognito_sync_error *err = nullptr;
        return detail::status(cognito_sync_manager_wipe(ptr_.get(), &err), err);
    }
    // The next event, or nullopt when there is none (never blocks).
    Result<std::optional<Event>> poll_event() const {
        cognito_sync_event *e = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_poll_event(ptr_.get(), &e, &err);
        return detail::event_out(s, e, err);
    }
    // The next event, waiting up to timeout_ms; nullopt on timeout.
    Result<std::optional<Event>> wait_event(uint32_t timeout_ms) const {
        cognito_sync_event *e = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_wait_event(ptr_.get(), timeout_ms, &e, &err);
        return detail::event_out(s, e, err);
    }
    // Handlers run on the thread running a synchronize, must be thread-safe,
    // and must not throw (a throw means KeepUnsynced / is ignored). An empty
    // function removes the handler.
    Status set_dataset_deleted_handler(DatasetDeletedHandler h) {
        auto next = std::make_unique<DatasetDeletedHandler>(std::move(h));
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_set_dataset_deleted_handler(
            ptr_.get(), *next ? &Manager::on_deleted : nullptr, *next ? next.get() : nullptr, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        deleted_ = std::move(next); // the old one is no longer called once the C call returned
        return Unit{};
    }
    Status set_datasets_merged_handler(DatasetsMergedHandler h) {
        auto next = std::make_unique<DatasetsMergedHandler>(std::move(h));
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_set_datasets_merged_handler(
            ptr_.get(), *next ? &Manager::on_merged : nullptr, *next ? next.get() : nullptr, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        merged_ = std::move(next);
        return Unit{};
    }

  private:
    using Resolver = std::function<Resolution(Conflict &)>;
    Manager(cognito_sync_manager *m, std::unique_ptr<Resolver> r) : resolver_(std::move(r)), ptr_(m) {}
    static Result<Manager> make(const cognito_sync_client *client, ManagerOptions o) {
        if (detail::any_nul(o.identity_pool_id, o.identity_id, o.store_path, o.device_id)) return detail::nul_error();
        auto resolver = std::make_unique<Resolver>(std::move(o.resolver));
        cognito_sync_manager_options c{};
        c.client = client;
        c.identity_pool_id = o.identity_pool_id.c_str();
        c.identity_id = o.identity_id.empty() ? nullptr : o.identity_id.c_str();
        c.store_path = o.store_path.empty() ? nullptr : o.store_path.c_str();
        c.device_id = detail::opt(o.device_id);
        if (*resolver) {
            c.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_CUSTOM;
            c.conflict_resolver = &Manager::resolve;
            c.conflict_resolver_user_data = resolver.get();
        } else {
            c.conflict_policy = static_cast<uint32_t>(o.policy);
        }
        cognito_sync_manager *m = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_new(&c, &m, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Manager>(s, err);
        return Manager(m, std::move(resolver));
    }
    // Called on library threads; nothing may escape them (no exception crosses C).
    static uint32_t resolve(void *user_data, cognito_sync_conflict *conflict) {
        auto *f = static_cast<Resolver *>(user_data);
        Conflict c(conflict);
#if defined(__cpp_exceptions)
        try {
            return static_cast<uint32_t>((*f)(c));
        } catch (...) {
            return static_cast<uint32_t>(Resolution::Abort);
        }
#else
        return static_cast<uint32_t>((*f)(c));
#endif
    }
    static uint32_t on_deleted(void *user_data, const char *identity_id, const char *dataset) {
        auto *f = static_cast<DatasetDeletedHandler *>(user_data);
#if defined(__cpp_exceptions)
        try {
            return static_cast<uint32_t>((*f)(identity_id ? identity_id : "", dataset ? dataset : ""));
        } catch (...) {
            return static_cast<uint32_t>(DatasetDeletedAction::KeepUnsynced);
        }
#else
        return static_cast<uint32_t>((*f)(identity_id ? identity_id : "", dataset ? dataset : ""));
#endif
    }
    static void on_merged(void *user_data, const char *identity_id, const char *dataset, const char *const *merged,
                          size_t merged_count) {
        auto *f = static_cast<DatasetsMergedHandler *>(user_data);
#if defined(__cpp_exceptions)
        try {
#endif
            std::vector<std::string> names;
            for (size_t i = 0; i < merged_count; i++) names.push_back(detail::str(merged[i]));
            (*f)(identity_id ? identity_id : "", dataset ? dataset : "", names);
#if defined(__cpp_exceptions)
        } catch (...) {
        }
#endif
    }
    // Declared first so they are destroyed after the manager that calls them.
    std::unique_ptr<Resolver> resolver_;
    std::unique_ptr<DatasetDeletedHandler> deleted_;
    std::unique_ptr<DatasetsMergedHandler> merged_;
    detail::Owned<cognito_sync_manager, cognito_sync_manager_free> ptr_;
};

// ---------------------------------------------------------------- logging

// Routes the library's log lines (process-wide) to `sink`, up to `max_level`;
// an empty sink stops logging. The sink runs on library threads and must not
// throw (a throw is swallowed).
using LogSink = std::function<void(cognito_sync_log_level, std::string_view target, std::string_view message)>;
inline Status set_log_sink(LogSink sink, cognito_sync_log_level max_level) {
    static LogSink installed; // swapped only after the library stopped calling the old one
    static LogSink *const slot = &installed;
    cognito_sync_error *err = nullptr;
    cognito_sync_status s = cognito_sync_set_log_callback(nullptr, COGNITO_SYNC_LOG_LEVEL_OFF, nullptr, &err);
    if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
    installed = std::move(sink);
    if (!installed) return Unit{};
    auto trampoline = [](void *user, cognito_sync_log_level level, const char *target, const char *message) {
        auto *f = static_cast<LogSink *>(user);
#if defined(__cpp_exceptions)
        try {
            (*f)(level, target ? target : "", message ? message : "");
        } catch (...) {
        }
#else
        (*f)(level, target ? target : "", message ? message : "");
#endif
    };
    return detail::status(cognito_sync_set_log_callback(trampoline, max_level, slot, &err), err);
}

} // namespace cognito_sync

#endif
