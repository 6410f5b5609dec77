#pragma once
// Hashes byte ranges on a second thread, in the order they are submitted, while the caller goes on copying:
// a copy costs max(copy, hash) instead of their sum. Two kinds of range: a buffer of the pipe's small ring
// (acquire(), fill it, submit(); acquire waits while every buffer is still queued), and memory the caller
// keeps valid until finish() (submitExternal(): memory-mapped file pages, hashed in place, never copied;
// any number may be queued, so the copy can run far ahead of the hash).
#include "ops/sha256.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace dbops {

class HashPipe {
public:
    HashPipe(int buffers, size_t bufferSize);
    ~HashPipe();
    HashPipe(const HashPipe &) = delete;
    HashPipe &operator=(const HashPipe &) = delete;

    // A free buffer of bufferSize() bytes; waits until one has been hashed when all are queued.
    unsigned char *acquire();
    // Queues the first `size` bytes of `buffer` (from acquire()); the buffer returns to the ring once hashed.
    void submit(unsigned char *buffer, size_t size);
    // Queues `size` bytes at `data`, which stay valid and unchanged until finish() or the destructor.
    void submitExternal(const unsigned char *data, size_t size);
    // Waits for every queued range and returns the hex digest.
    QString finish();
    size_t bufferSize() const { return m_bufferSize; }

private:
    struct Range {
        const unsigned char *data;
        size_t size;
        unsigned char *buffer; // the ring buffer to free once hashed; nullptr for external memory
    };
    void queue(const Range &range);
    void run();

    Sha256 m_hash;
    std::vector<std::unique_ptr<unsigned char[]>> m_buffers; // not zero-filled: every byte is written first
    std::vector<unsigned char *> m_free;
    std::deque<Range> m_queue;
    bool m_busy = false; // the thread is hashing a range taken off the queue
    size_t m_bufferSize;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace dbops
