// Header-only C++17 wrapper over cognito_sync.h (WORK IN PROGRESS, issue 15
// section 3: covers the config, the client's identity id, ListRecords,
// UpdateRecords, DescribeDataset, ListDatasets, DeleteDataset, the sync
// manager's datasets, events and identity switch, and logging; see
// ffi-c/README.md for what is left; the other operations are not
// wrapped yet). Works with exceptions disabled: every call returns a
// cognito_sync::Result<T>; when exceptions are on, Result<T>::value_or_throw()
// throws cognito_sync::Exception instead.
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

// Copies and frees the C error object (which may be NULL for a status the
// library reported without one).
inline Error take_error(cognito_sync_status status, cognito_sync_error *err) {
    Error e;
    e.status = status;
    if (err) {
        e.code = str(cognito_sync_error_code(err));
        e.message = str(cognito_sync_error_message(err));
        e.request_id = str(cognito_sync_error_request_id(err));
        e.http_status = static_cast<uint16_t>(cognito_sync_error_http_status(err));
        e.retryable = cognito_sync_error_is_retryable(err);
        cognito_sync_error_free(err);
    } else {
        e.message = str(cognito_sync_status_str(status));
    }
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

template <class T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
template <class T, void (*Free)(T *)> using Owned = std::unique_ptr<T, Deleter<T, Free>>;

inline std::string take_string(char *s) {
    std::string out = str(s);
    cognito_sync_string_free(s);
    return out;
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
} // namespace detail

// The library's version string.
inline std::string version() { return detail::str(cognito_sync_version()); }

class Config {
  public:
    static Result<Config> create() {
        cognito_sync_config *c = cognito_sync_config_new();
        if (!c) return Error{COGNITO_SYNC_STATUS_INTERNAL, "", "config allocation failed", "", 0, false};
        return Config(c);
    }
    Status region(std::string_view r) { return set(cognito_sync_config_set_region, r); }
    Status endpoint_url(std::string_view u) { return set(cognito_sync_config_set_endpoint_url, u); }
    Status cognito_identity(std::string_view pool) { return set(cognito_sync_config_set_cognito_identity, pool); }
    Status cognito_identity_endpoint_url(std::string_view u) {
        return set(cognito_sync_config_set_cognito_identity_endpoint_url, u);
    }
    Status static_credentials(std::string_view access_key_id, std::string_view secret_access_key,
                              std::optional<std::string_view> session_token = std::nullopt) {
        detail::CStr a(access_key_id), k(secret_access_key), t(session_token.value_or(""));
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_config_set_static_credentials(
            ptr_.get(), a.get(), k.get(), session_token ? t.get() : nullptr, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
    }
    Status connect_timeout_ms(uint64_t ms) { return set_u64(cognito_sync_config_set_connect_timeout_ms, ms); }
    Status call_timeout_ms(uint64_t ms) { return set_u64(cognito_sync_config_set_call_timeout_ms, ms); }
    Status max_attempts(uint32_t n) {
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_config_set_max_attempts(ptr_.get(), n, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
    }
    const cognito_sync_config *get() const { return ptr_.get(); }

  private:
    explicit Config(cognito_sync_config *c) : ptr_(c) {}
    Status set(cognito_sync_status (*f)(cognito_sync_config *, const char *, cognito_sync_error **),
               std::string_view v) {
        detail::CStr c(v);
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = f(ptr_.get(), c.get(), &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
    }
    Status set_u64(cognito_sync_status (*f)(cognito_sync_config *, uint64_t, cognito_sync_error **), uint64_t v) {
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = f(ptr_.get(), v, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
    }
    detail::Owned<cognito_sync_config, cognito_sync_config_free> ptr_;
};

// A non-blocking call a frame loop polls: ready() each frame, then take().
// Move-only; destroying it before it finished cancels it.
template <class T> class Pending {
  public:
    using Finish = Result<T> (*)(cognito_sync_op *);
    Pending(cognito_sync_op *op, Finish finish) : op_(op), finish_(finish) {}
    bool ready() const { return cognito_sync_op_poll(op_.get()) != COGNITO_SYNC_STATUS_PENDING; }
    // Blocks up to timeout_ms (negative: no limit); true once finished.
    bool wait(int64_t timeout_ms = -1) const {
        return cognito_sync_op_wait(op_.get(), timeout_ms) != COGNITO_SYNC_STATUS_PENDING;
    }
    // Once ready() (blocks otherwise): the result; a second take() reports ALREADY_USED.
    Result<T> take() { return finish_(op_.get()); }

  private:
    detail::Owned<cognito_sync_op, cognito_sync_op_free> op_;
    Finish finish_;
};

struct Record {
    std::string key;
    std::optional<std::string> value; // absent for a removed record
    int64_t sync_count = 0;
};

struct ListRecordsOutput {
    std::vector<Record> records;
    int64_t dataset_sync_count = 0;
    std::optional<std::string> sync_session_token;
    std::optional<std::string> next_token;
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
};

struct UpdateRecordsRequest {
    std::string identity_pool_id, identity_id, dataset_name, sync_session_token;
    std::optional<std::string> device_id;
    std::vector<RecordPatch> patches;
};

namespace detail {
inline const char *opt(const std::optional<std::string> &s) { return s ? s->c_str() : nullptr; }

inline Record record(const cognito_sync_record *r) {
    Record out;
    out.key = str(cognito_sync_record_key(r));
    if (const char *v = cognito_sync_record_value(r)) out.value = std::string(v, cognito_sync_record_value_len(r));
    cognito_sync_record_sync_count(r, &out.sync_count);
    return out;
}

inline Result<ListRecordsOutput> list_records_out(cognito_sync_status s, cognito_sync_list_records_output *o,
                                                  cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<ListRecordsOutput>(s, err);
    Owned<cognito_sync_list_records_output, cognito_sync_list_records_output_free> own(o);
    ListRecordsOutput out;
    for (size_t i = 0, n = cognito_sync_list_records_output_record_count(o); i < n; i++)
        out.records.push_back(record(cognito_sync_list_records_output_record(o, i)));
    cognito_sync_list_records_output_dataset_sync_count(o, &out.dataset_sync_count);
    if (const char *t = cognito_sync_list_records_output_sync_session_token(o)) out.sync_session_token = t;
    if (const char *t = cognito_sync_list_records_output_next_token(o)) out.next_token = t;
    return out;
}

inline Result<std::vector<Record>> update_records_out(cognito_sync_status s, cognito_sync_update_records_output *o,
                                                      cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<std::vector<Record>>(s, err);
    Owned<cognito_sync_update_records_output, cognito_sync_update_records_output_free> own(o);
    std::vector<Record> out;
    for (size_t i = 0, n = cognito_sync_update_records_output_record_count(o); i < n; i++)
        out.push_back(record(cognito_sync_update_records_output_record(o, i)));
    return out;
}

// The C request struct plus the storage it points into.
struct UpdateRecordsC {
    std::vector<cognito_sync_record_patch> patches;
    cognito_sync_update_records_request req{};
    explicit UpdateRecordsC(const UpdateRecordsRequest &r) {
        for (const RecordPatch &p : r.patches) {
            cognito_sync_record_patch c{};
            c.op = p.remove ? 1u : 0u;
            c.key = p.key.c_str();
            c.value = p.remove ? nullptr : p.value.c_str();
            c.sync_count = p.sync_count;
            patches.push_back(c);
        }
        req.identity_pool_id = r.identity_pool_id.c_str();
        req.identity_id = r.identity_id.c_str();
        req.dataset_name = r.dataset_name.c_str();
        req.device_id = opt(r.device_id);
        req.record_patches = patches.data();
        req.record_patch_count = patches.size();
        req.sync_session_token = r.sync_session_token.c_str();
    }
};

struct ListRecordsC {
    cognito_sync_list_records_request req{};
    int64_t last;
    int32_t max;
    explicit ListRecordsC(const ListRecordsRequest &r) : last(r.last_sync_count.value_or(0)), max(r.max_results.value_or(0)) {
        req.identity_pool_id = r.identity_pool_id.c_str();
        req.identity_id = r.identity_id.c_str();
        req.dataset_name = r.dataset_name.c_str();
        req.last_sync_count = r.last_sync_count ? &last : nullptr;
        req.next_token = opt(r.next_token);
        req.max_results = r.max_results ? &max : nullptr;
        req.sync_session_token = opt(r.sync_session_token);
    }
};
} // namespace detail

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
};

namespace detail {
inline std::optional<int64_t> opt_i64(bool (*f)(const cognito_sync_dataset_metadata *, int64_t *),
                                      const cognito_sync_dataset_metadata *m) {
    int64_t v = 0;
    return f(m, &v) ? std::optional<int64_t>(v) : std::nullopt;
}
inline DatasetMetadata metadata(const cognito_sync_dataset_metadata *m) {
    DatasetMetadata out;
    if (!m) return out;
    out.identity_id = str(cognito_sync_dataset_metadata_identity_id(m));
    out.dataset_name = str(cognito_sync_dataset_metadata_dataset_name(m));
    if (const char *b = cognito_sync_dataset_metadata_last_modified_by(m)) out.last_modified_by = b;
    out.creation_date = opt_i64(cognito_sync_dataset_metadata_creation_date, m);
    out.last_modified_date = opt_i64(cognito_sync_dataset_metadata_last_modified_date, m);
    out.data_storage = opt_i64(cognito_sync_dataset_metadata_data_storage, m);
    out.num_records = opt_i64(cognito_sync_dataset_metadata_num_records, m);
    return out;
}
inline Result<DatasetMetadata> describe_out(cognito_sync_status s, cognito_sync_describe_dataset_output *o,
                                            cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<DatasetMetadata>(s, err);
    Owned<cognito_sync_describe_dataset_output, cognito_sync_describe_dataset_output_free> own(o);
    return metadata(cognito_sync_describe_dataset_output_dataset(o));
}
inline Result<ListDatasetsOutput> list_datasets_out(cognito_sync_status s, cognito_sync_list_datasets_output *o,
                                                    cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<ListDatasetsOutput>(s, err);
    Owned<cognito_sync_list_datasets_output, cognito_sync_list_datasets_output_free> own(o);
    ListDatasetsOutput out;
    for (size_t i = 0, n = cognito_sync_list_datasets_output_dataset_count(o); i < n; i++)
        out.datasets.push_back(metadata(cognito_sync_list_datasets_output_dataset(o, i)));
    if (const char *t = cognito_sync_list_datasets_output_next_token(o)) out.next_token = t;
    return out;
}
} // namespace detail

// A thread-safe client. Move-only.
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

    Result<std::string> identity_id() const {
        char *id = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_client_identity_id(ptr_.get(), &id, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<std::string>(s, err);
        return detail::take_string(id);
    }
    Result<Pending<std::string>> identity_id_async() const {
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_client_identity_id_start(ptr_.get(), nullptr, nullptr, &op, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Pending<std::string>>(s, err);
        return Pending<std::string>(op, [](cognito_sync_op *o) -> Result<std::string> {
            char *id = nullptr;
            cognito_sync_error *e = nullptr;
            cognito_sync_status st = cognito_sync_client_identity_id_finish(o, &id, &e);
            if (st != COGNITO_SYNC_STATUS_OK) return detail::fail<std::string>(st, e);
            return detail::take_string(id);
        });
    }

    Result<ListRecordsOutput> list_records(const ListRecordsRequest &r) const {
        detail::ListRecordsC c(r);
        cognito_sync_list_records_output *o = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_list_records(ptr_.get(), &c.req, &o, &err);
        return detail::list_records_out(s, o, err);
    }
    Result<Pending<ListRecordsOutput>> list_records_async(const ListRecordsRequest &r) const {
        detail::ListRecordsC c(r);
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_list_records_start(ptr_.get(), &c.req, nullptr, nullptr, &op, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Pending<ListRecordsOutput>>(s, err);
        return Pending<ListRecordsOutput>(op, [](cognito_sync_op *o) {
            cognito_sync_list_records_output *out = nullptr;
            cognito_sync_error *e = nullptr;
            cognito_sync_status st = cognito_sync_list_records_finish(o, &out, &e);
            return detail::list_records_out(st, out, e);
        });
    }
    Result<std::vector<Record>> update_records(const UpdateRecordsRequest &r) const {
        detail::UpdateRecordsC c(r);
        cognito_sync_update_records_output *o = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_update_records(ptr_.get(), &c.req, &o, &err);
        return detail::update_records_out(s, o, err);
    }

    Result<Pending<std::vector<Record>>> update_records_async(const UpdateRecordsRequest &r) const {
        detail::UpdateRecordsC c(r); // the library copies the request before returning
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_update_records_start(ptr_.get(), &c.req, nullptr, nullptr, &op, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Pending<std::vector<Record>>>(s, err);
        return Pending<std::vector<Record>>(op, [](cognito_sync_op *o) {
            cognito_sync_update_records_output *out = nullptr;
            cognito_sync_error *e = nullptr;
            cognito_sync_status st = cognito_sync_update_records_finish(o, &out, &e);
            return detail::update_records_out(st, out, e);
        });
    }

    // DescribeDataset / DeleteDataset (both answer the dataset's metadata) and ListDatasets.
    Result<DatasetMetadata> describe_dataset(std::string_view pool, std::string_view identity,
                                             std::string_view dataset) const {
        detail::CStr p(pool), i(identity), d(dataset);
        cognito_sync_describe_dataset_request req{p.get(), i.get(), d.get()};
        cognito_sync_describe_dataset_output *o = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_describe_dataset(ptr_.get(), &req, &o, &err);
        return detail::describe_out(s, o, err);
    }
    Result<Pending<DatasetMetadata>> describe_dataset_async(std::string_view pool, std::string_view identity,
                                                            std::string_view dataset) const {
        detail::CStr p(pool), i(identity), d(dataset);
        cognito_sync_describe_dataset_request req{p.get(), i.get(), d.get()};
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_describe_dataset_start(ptr_.get(), &req, nullptr, nullptr, &op, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Pending<DatasetMetadata>>(s, err);
        return Pending<DatasetMetadata>(op, [](cognito_sync_op *o) {
            cognito_sync_describe_dataset_output *out = nullptr;
            cognito_sync_error *e = nullptr;
            cognito_sync_status st = cognito_sync_describe_dataset_finish(o, &out, &e);
            return detail::describe_out(st, out, e);
        });
    }
    Result<DatasetMetadata> delete_dataset(std::string_view pool, std::string_view identity,
                                           std::string_view dataset) const {
        detail::CStr p(pool), i(identity), d(dataset);
        cognito_sync_delete_dataset_request req{p.get(), i.get(), d.get()};
        cognito_sync_delete_dataset_output *o = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_delete_dataset(ptr_.get(), &req, &o, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<DatasetMetadata>(s, err);
        detail::Owned<cognito_sync_delete_dataset_output, cognito_sync_delete_dataset_output_free> own(o);
        return detail::metadata(cognito_sync_delete_dataset_output_dataset(o));
    }
    Result<ListDatasetsOutput> list_datasets(std::string_view pool, std::string_view identity,
                                             std::optional<std::string_view> next_token = std::nullopt) const {
        detail::CStr p(pool), i(identity), t(next_token.value_or(""));
        cognito_sync_list_datasets_request req{p.get(), i.get(), next_token ? t.get() : nullptr, nullptr};
        cognito_sync_list_datasets_output *o = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_list_datasets(ptr_.get(), &req, &o, &err);
        return detail::list_datasets_out(s, o, err);
    }
    Result<Pending<ListDatasetsOutput>> list_datasets_async(std::string_view pool, std::string_view identity) const {
        detail::CStr p(pool), i(identity);
        cognito_sync_list_datasets_request req{p.get(), i.get(), nullptr, nullptr};
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_list_datasets_start(ptr_.get(), &req, nullptr, nullptr, &op, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Pending<ListDatasetsOutput>>(s, err);
        return Pending<ListDatasetsOutput>(op, [](cognito_sync_op *o) {
            cognito_sync_list_datasets_output *out = nullptr;
            cognito_sync_error *e = nullptr;
            cognito_sync_status st = cognito_sync_list_datasets_finish(o, &out, &e);
            return detail::list_datasets_out(st, out, e);
        });
    }

  private:
    explicit Client(cognito_sync_client *c) : ptr_(c) {}
    detail::Owned<cognito_sync_client, cognito_sync_client_free> ptr_;
};


// A conflict the resolver decides (a view valid only inside the resolver).
class Conflict {
  public:
    explicit Conflict(cognito_sync_conflict *c) : c_(c) {}
    std::string key() const { return detail::str(cognito_sync_conflict_key(c_)); }
    std::optional<std::string> local_value() const { return opt(cognito_sync_conflict_local_value(c_)); }
    std::optional<std::string> remote_value() const { return opt(cognito_sync_conflict_remote_value(c_)); }
    // The merged value kept when the resolver returns Resolution::UseValue.
    Status set_value(std::string_view v) {
        detail::CStr c(v);
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_conflict_set_value(c_, c.get(), &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
    }

  private:
    static std::optional<std::string> opt(const char *s) {
        return s ? std::optional<std::string>(s) : std::nullopt;
    }
    cognito_sync_conflict *c_;
};

enum class Resolution : uint32_t {
    KeepLocal = COGNITO_SYNC_RESOLUTION_KEEP_LOCAL,
    KeepRemote = COGNITO_SYNC_RESOLUTION_KEEP_REMOTE,
    UseValue = COGNITO_SYNC_RESOLUTION_USE_VALUE,
    Remove = COGNITO_SYNC_RESOLUTION_REMOVE,
    Abort = COGNITO_SYNC_RESOLUTION_ABORT,
};

// What one synchronize did.
struct SyncReport {
    uint64_t pushed = 0;
    uint64_t conflicts = 0;
    std::vector<std::string> changed_keys;
};

namespace detail {
inline Result<SyncReport> sync_out(cognito_sync_status s, cognito_sync_sync_report *r, cognito_sync_error *err) {
    if (s != COGNITO_SYNC_STATUS_OK) return fail<SyncReport>(s, err);
    Owned<cognito_sync_sync_report, cognito_sync_sync_report_free> own(r);
    SyncReport out;
    out.pushed = cognito_sync_sync_report_pushed(r);
    out.conflicts = cognito_sync_sync_report_conflicts(r);
    for (size_t i = 0, n = cognito_sync_sync_report_changed_key_count(r); i < n; i++)
        out.changed_keys.push_back(str(cognito_sync_sync_report_changed_key(r, i)));
    return out;
}
} // namespace detail

// A dataset of the local store. Move-only.
class Dataset {
  public:
    explicit Dataset(cognito_sync_dataset *d) : ptr_(d) {}
    // The value, or nullopt when the key is absent or removed.
    Result<std::optional<std::string>> get(std::string_view key) const {
        detail::CStr k(key);
        char *v = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_get(ptr_.get(), k.get(), &v, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<std::optional<std::string>>(s, err);
        if (!v) return std::optional<std::string>();
        return std::optional<std::string>(detail::take_string(v));
    }
    Status put(std::string_view key, std::string_view value) const {
        detail::CStr k(key), v(value);
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_put(ptr_.get(), k.get(), v.get(), &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
    }
    Status remove(std::string_view key) const {
        detail::CStr k(key);
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_remove(ptr_.get(), k.get(), &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
        return Unit{};
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
    Result<uint64_t> count() const {
        uint64_t n = 0;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_count(ptr_.get(), &n, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<uint64_t>(s, err);
        return n;
    }
    Result<bool> has_unsynced_changes() const {
        bool b = false;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_has_unsynced_changes(ptr_.get(), &b, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<bool>(s, err);
        return b;
    }
    Result<SyncReport> synchronize() const {
        cognito_sync_sync_report *r = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_synchronize(ptr_.get(), &r, &err);
        return detail::sync_out(s, r, err);
    }
    Result<Pending<SyncReport>> synchronize_async() const {
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_dataset_synchronize_start(ptr_.get(), nullptr, nullptr, &op, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Pending<SyncReport>>(s, err);
        return Pending<SyncReport>(op, [](cognito_sync_op *o) {
            cognito_sync_sync_report *r = nullptr;
            cognito_sync_error *e = nullptr;
            cognito_sync_status st = cognito_sync_dataset_synchronize_finish(o, &r, &e);
            return detail::sync_out(st, r, e);
        });
    }

    const cognito_sync_dataset *get() const { return ptr_.get(); }

  private:
    detail::Owned<cognito_sync_dataset, cognito_sync_dataset_free> ptr_;
};

struct ManagerOptions {
    std::string identity_pool_id;
    std::string identity_id;
    std::string store_path;
    std::optional<std::string> device_id;
    // Empty: last writer wins.
    std::function<Resolution(Conflict &)> resolver;
};

// One sync manager event, copied out (poll them once per frame).
struct Event {
    cognito_sync_event_kind kind = COGNITO_SYNC_EVENT_KIND_OTHER;
    std::optional<std::string> dataset, identity_id, previous_identity_id;
};

enum class IdentitySwitch : uint32_t {
    KeepSeparate = COGNITO_SYNC_IDENTITY_SWITCH_KEEP_SEPARATE,
    MoveData = COGNITO_SYNC_IDENTITY_SWITCH_MOVE_DATA,
    DiscardPrevious = COGNITO_SYNC_IDENTITY_SWITCH_DISCARD_PREVIOUS,
};

namespace detail {
inline std::optional<std::string> opt_str(const char *s) {
    return s ? std::optional<std::string>(s) : std::nullopt;
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
} // namespace detail

// The sync manager (local store + synchronize). Move-only; the client must
// outlive it.
class Manager {
  public:
    static Result<Manager> create(const Client &client, ManagerOptions o) {
        auto resolver = std::make_unique<std::function<Resolution(Conflict &)>>(std::move(o.resolver));
        cognito_sync_manager_options c{};
        c.client = client.get();
        c.identity_pool_id = o.identity_pool_id.c_str();
        c.identity_id = o.identity_id.c_str();
        c.store_path = o.store_path.c_str();
        c.device_id = detail::opt(o.device_id);
        if (*resolver) {
            c.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_CUSTOM;
            c.conflict_resolver = &Manager::resolve;
            c.conflict_resolver_user_data = resolver.get();
        } else {
            c.conflict_policy = COGNITO_SYNC_CONFLICT_POLICY_LAST_WRITER_WINS;
        }
        cognito_sync_manager *m = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_new(&c, &m, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Manager>(s, err);
        return Manager(m, std::move(resolver));
    }
    Result<Dataset> open_dataset(std::string_view name) const {
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
    // Makes identity_id the active identity; the names of the datasets moved.
    Result<std::vector<std::string>> switch_identity(std::string_view identity_id, IdentitySwitch mode) const {
        detail::CStr id(identity_id);
        cognito_sync_string_list *l = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_switch_identity(ptr_.get(), id.get(), static_cast<uint32_t>(mode),
                                                                     &l, &err);
        return detail::strings_out(s, l, err);
    }
    // The next event, or nullopt when there is none (never blocks).
    Result<std::optional<Event>> poll_event() const {
        cognito_sync_event *e = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status s = cognito_sync_manager_poll_event(ptr_.get(), &e, &err);
        if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<std::optional<Event>>(s, err);
        if (!e) return std::optional<Event>();
        detail::Owned<cognito_sync_event, cognito_sync_event_free> own(e);
        Event out;
        out.kind = cognito_sync_event_get_kind(e);
        out.dataset = detail::opt_str(cognito_sync_event_dataset(e));
        out.identity_id = detail::opt_str(cognito_sync_event_identity_id(e));
        out.previous_identity_id = detail::opt_str(cognito_sync_event_previous_identity_id(e));
        return std::optional<Event>(std::move(out));
    }

  private:
    Manager(cognito_sync_manager *m, std::unique_ptr<std::function<Resolution(Conflict &)>> r)
        : resolver_(std::move(r)), ptr_(m) {}
    // Called on the library's thread; nothing may escape it (no exception crosses C).
    static uint32_t resolve(void *user_data, cognito_sync_conflict *conflict) {
        auto *f = static_cast<std::function<Resolution(Conflict &)> *>(user_data);
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
    // Declared first so it is destroyed after the manager that calls it.
    std::unique_ptr<std::function<Resolution(Conflict &)>> resolver_;
    detail::Owned<cognito_sync_manager, cognito_sync_manager_free> ptr_;
};

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
    s = cognito_sync_set_log_callback(trampoline, max_level, slot, &err);
    if (s != COGNITO_SYNC_STATUS_OK) return detail::fail<Unit>(s, err);
    return Unit{};
}

} // namespace cognito_sync

#endif
