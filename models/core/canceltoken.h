#pragma once
#include <atomic>
#include <memory>

namespace dbops {

// Shared, thread-safe "stop" flag. Copies share the flag. Checked between batches by long jobs.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic_bool>(false)) {}
    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }
    const std::atomic_bool &flag() const { return *m_flag; }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};

} // namespace dbops
