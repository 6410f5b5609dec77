#pragma once
// The demo's only source of randomness. std::mt19937 is specified bit for bit by the standard, the
// <random> distributions are not, so uniform and normal draws are derived here by hand.
#include <QtGlobal>

#include <cmath>
#include <random>

namespace dbops {

class DemoRandom {
public:
    explicit DemoRandom(quint32 seed) : m_engine(seed) {}

    // Uniform in [0, 1), 32 bits of resolution.
    double unit() { return double(m_engine()) / 4294967296.0; }
    double range(double lo, double hi) { return lo + (hi - lo) * unit(); }
    // Uniform integer in [0, n).
    int below(int n) { return int(unit() * n); }
    bool chance(double p) { return unit() < p; }
    // Standard normal (Box-Muller).
    double normal()
    {
        const double u1 = 1.0 - unit(); // (0, 1]: log() stays finite
        const double u2 = unit();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::mt19937 m_engine;
};

} // namespace dbops
