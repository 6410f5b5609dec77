#include "ops/hashpipe.h"

namespace dbops {

HashPipe::HashPipe(int buffers, size_t bufferSize)
    : m_buffers(size_t(buffers)), m_sizes(size_t(buffers), 0), m_external(size_t(buffers), nullptr),
      m_bufferSize(bufferSize)
{
    for (auto &buffer : m_buffers)
        buffer.reset(new unsigned char[bufferSize]);
    m_thread = std::thread([this] { run(); });
}

HashPipe::~HashPipe()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

unsigned char *HashPipe::acquire(quint64 sequence)
{
    const quint64 ring = m_buffers.size();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return sequence < ring || m_hashed >= sequence - ring + 1; });
    return m_buffers[sequence % ring].get();
}

void HashPipe::submit(quint64 sequence, size_t size) { submitExternal(sequence, nullptr, size); }

void HashPipe::submitExternal(quint64 sequence, const unsigned char *data, size_t size)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_sizes[sequence % m_buffers.size()] = size;
        m_external[sequence % m_buffers.size()] = data;
        m_submitted = sequence + 1;
    }
    m_changed.notify_all();
}

QString HashPipe::finish()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_hashed == m_submitted; });
    return m_hash.finishHex();
}

void HashPipe::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return m_stop || m_hashed < m_submitted; });
        if (m_hashed >= m_submitted && m_stop)
            return;
        if (m_hashed >= m_submitted)
            continue;
        const size_t index = m_hashed % m_buffers.size();
        const size_t size = m_sizes[index];
        const unsigned char *data = m_external[index] ? m_external[index] : m_buffers[index].get();
        lock.unlock();
        m_hash.update(data, size);
        lock.lock();
        ++m_hashed;
        m_changed.notify_all();
    }
}

} // namespace dbops
