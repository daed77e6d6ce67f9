// A small RAII wrapper over the C API (header-only, C++11): every handle is a
// std::unique_ptr with the matching _free, failures throw cognito_sync::Error,
// and non-blocking operations are objects a game loop polls each frame.
// Destroying an Operation that has not finished cancels it.
#ifndef COGNITO_SYNC_HPP
#define COGNITO_SYNC_HPP

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "cognito_sync.h"

namespace cognito_sync {

// A failed call: the status plus what the error object said.
class Error : public std::runtime_error {
  public:
    Error(cognito_sync_status status, const std::string &message, std::string code,
          unsigned http_status)
        : std::runtime_error(message), status_(status), code_(std::move(code)),
          http_status_(http_status) {}
    cognito_sync_status status() const { return status_; }
    const std::string &code() const { return code_; }
    unsigned http_status() const { return http_status_; }

  private:
    cognito_sync_status status_;
    std::string code_;
    unsigned http_status_;
};

// Throws for a failed status, consuming the error object. Call it with a
// status computed beforehand: in check(f(&err), err) the order in which the
// two arguments are evaluated is unspecified.
inline void check(cognito_sync_status status, cognito_sync_error *err) {
    if (status == COGNITO_SYNC_STATUS_OK) {
        return;
    }
    std::string message = err ? cognito_sync_error_message(err) : cognito_sync_status_str(status);
    std::string code = err && cognito_sync_error_code(err) ? cognito_sync_error_code(err) : "";
    unsigned http = err ? cognito_sync_error_http_status(err) : 0;
    cognito_sync_error_free(err);
    throw Error(status, message, code, http);
}

template <class T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
// An owned C object, freed with its one _free function.
template <class T, void (*Free)(T *)> using Owned = std::unique_ptr<T, Deleter<T, Free>>;

class Config {
  public:
    Config() : ptr_(cognito_sync_config_new()) {
        if (!ptr_) throw std::bad_alloc();
    }
    Config &region(const std::string &r) {
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_config_set_region(ptr_.get(), r.c_str(), &err);
        check(status, err);
        return *this;
    }
    Config &endpoint_url(const std::string &url) {
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_config_set_endpoint_url(ptr_.get(), url.c_str(), &err);
        check(status, err);
        return *this;
    }
    Config &cognito_identity(const std::string &pool) {
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_config_set_cognito_identity(ptr_.get(), pool.c_str(), &err);
        check(status, err);
        return *this;
    }
    Config &max_attempts(uint32_t n) {
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_config_set_max_attempts(ptr_.get(), n, &err);
        check(status, err);
        return *this;
    }
    const cognito_sync_config *get() const { return ptr_.get(); }

  private:
    Owned<cognito_sync_config, cognito_sync_config_free> ptr_;
};

// A finished-or-not non-blocking call. Move-only; destroying it cancels it.
class Operation {
  public:
    explicit Operation(cognito_sync_op *op) : ptr_(op) {}
    // Non-blocking: true once the call completed (successfully or not).
    bool ready() const { return cognito_sync_op_poll(ptr_.get()) != COGNITO_SYNC_STATUS_PENDING; }
    cognito_sync_status status() const { return cognito_sync_op_poll(ptr_.get()); }
    cognito_sync_op *get() const { return ptr_.get(); }

  private:
    Owned<cognito_sync_op, cognito_sync_op_free> ptr_;
};

// Takes the typed result of a finished operation, or throws its error.
template <class Out, void (*Free)(Out *),
          cognito_sync_status (*Finish)(cognito_sync_op *, Out **, cognito_sync_error **)>
Owned<Out, Free> finish(const Operation &op) {
    Out *out = nullptr;
    cognito_sync_error *err = nullptr;
    cognito_sync_status status = Finish(op.get(), &out, &err);
        check(status, err);
    return Owned<Out, Free>(out);
}

using ListRecordsResult =
    Owned<cognito_sync_list_records_output, cognito_sync_list_records_output_free>;
using UpdateRecordsResult =
    Owned<cognito_sync_update_records_output, cognito_sync_update_records_output_free>;

inline ListRecordsResult finish_list_records(const Operation &op) {
    return finish<cognito_sync_list_records_output, cognito_sync_list_records_output_free,
                  cognito_sync_list_records_finish>(op);
}

inline UpdateRecordsResult finish_update_records(const Operation &op) {
    return finish<cognito_sync_update_records_output, cognito_sync_update_records_output_free,
                  cognito_sync_update_records_finish>(op);
}

// A thread-safe client; the wrapper only owns it.
class Client {
  public:
    explicit Client(const Config &config) {
        cognito_sync_client *client = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_client_new(config.get(), &client, &err);
        check(status, err);
        ptr_.reset(client);
    }

    // Blocking: the Cognito identity id (fetched once, then cached).
    std::string identity_id() const {
        char *id = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_client_identity_id(ptr_.get(), &id, &err);
        check(status, err);
        std::string result(id);
        cognito_sync_string_free(id);
        return result;
    }

    Operation start_list_records(const cognito_sync_list_records_request &req) const {
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_list_records_start(ptr_.get(), &req, nullptr, nullptr, &op, &err);
        check(status, err);
        return Operation(op);
    }

    Operation start_update_records(const cognito_sync_update_records_request &req) const {
        cognito_sync_op *op = nullptr;
        cognito_sync_error *err = nullptr;
        cognito_sync_status status = cognito_sync_update_records_start(ptr_.get(), &req, nullptr, nullptr, &op, &err);
        check(status, err);
        return Operation(op);
    }

  private:
    Owned<cognito_sync_client, cognito_sync_client_free> ptr_;
};

} // namespace cognito_sync

#endif
