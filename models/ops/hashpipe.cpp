#include "ops/hashpipe.h"

namespace dbops {

HashPipe::HashPipe(int buffers, size_t bufferSize) : m_buffers(size_t(buffers)), m_bufferSize(bufferSize)
{
    for (auto &buffer : m_buffers) {
        buffer.reset(new unsigned char[bufferSize]);
        m_free.push_back(buffer.get());
    }
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

unsigned char *HashPipe::acquire()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_free.empty(); });
    unsigned char *buffer = m_free.back();
    m_free.pop_back();
    return buffer;
}

void HashPipe::submit(unsigned char *buffer, size_t size) { queue({buffer, size, buffer}); }

void HashPipe::submitExternal(const unsigned char *data, size_t size) { queue({data, size, nullptr}); }

void HashPipe::queue(const Range &range)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_queue.push_back(range);
    }
    m_changed.notify_all();
}

QString HashPipe::finish()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_queue.empty() && !m_busy; });
    return m_hash.finishHex();
}

void HashPipe::run()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return m_stop || !m_queue.empty(); });
        if (m_stop)
            return; // destroyed: what is still queued is not wanted (finish() waits for it all)
        const Range range = m_queue.front();
        m_queue.pop_front();
        m_busy = true;
        lock.unlock();
        m_hash.update(range.data, range.size);
        lock.lock();
        m_busy = false;
        if (range.buffer)
            m_free.push_back(range.buffer);
        m_changed.notify_all();
    }
}

} // namespace dbops
