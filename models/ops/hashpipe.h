#pragma once
// Hashes buffers on a second thread while the caller reads and writes the next ones: a copy costs
// max(copy, hash) instead of their sum. Buffers are handed over by index into a small ring the pipe owns.
#include "ops/sha256.h"

#include <condition_variable>
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

    // The buffer for chunk `sequence` (0, 1, 2, …); waits until its previous chunk has been hashed.
    unsigned char *acquire(quint64 sequence);
    // Queues chunk `sequence` (its first `size` bytes) for hashing. Chunks must be submitted in order.
    void submit(quint64 sequence, size_t size);
    // Queues chunk `sequence` as `size` bytes at `data`, which stay valid and unchanged until finish() or the
    // destructor (memory-mapped file pages: hashed in place, no copy). acquire(sequence) first, as for submit().
    void submitExternal(quint64 sequence, const unsigned char *data, size_t size);
    // Waits for every submitted chunk and returns the hex digest.
    QString finish();
    size_t bufferSize() const { return m_bufferSize; }

private:
    void run();

    Sha256 m_hash;
    std::vector<std::unique_ptr<unsigned char[]>> m_buffers; // not zero-filled: every byte is written first
    std::vector<size_t> m_sizes;
    std::vector<const unsigned char *> m_external; // per ring slot: hash this instead of the slot's buffer
    size_t m_bufferSize;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    quint64 m_submitted = 0; // chunks [0, m_submitted) queued
    quint64 m_hashed = 0;    // chunks [0, m_hashed) done
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace dbops
