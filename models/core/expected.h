#pragma once
// A value or the Error that kept it from being made. Small on purpose: C++17 has no std::expected.
#include "core/error.h"

#include <optional>
#include <utility>

namespace dbops {

template <class T>
class Expected {
public:
    Expected(T value) : m_value(std::move(value)) {}
    Expected(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    // On a temporary (`f().value()`, `*f()`) the value is moved out: a reference into a temporary would dangle
    // where it lives on, as in `for (x : f().value())`.
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    T &operator*() & { return *m_value; }
    T operator*() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    T *operator->() { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

} // namespace dbops
