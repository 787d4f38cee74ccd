// Private to the app module: the random numbers behind the demo history. Our own generator
// and distributions rather than <random>'s, whose distributions differ between standard
// libraries: the same seed must give the same history everywhere.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <numbers>
#include <span>
#include <vector>

namespace frontdoor::app::demo {

// xoshiro256** seeded through splitmix64: fast, small state, good statistical quality.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& word : state_) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
      word = z ^ (z >> 31U);
    }
  }

  std::uint64_t Next() {
    const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const std::uint64_t t = state_[1] << 17U;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11U) * 0x1.0p-53; }
  double Uniform(double low, double high) { return low + (high - low) * Uniform(); }
  // [0, n) for n > 0; the bias of a modulo of 64 bits is negligible for our n.
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  std::int64_t Between(std::int64_t low, std::int64_t high) {  // inclusive
    return low + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(high - low + 1)));
  }
  bool Chance(double p) { return Uniform() < p; }
  // Standard normal (Box-Muller).
  double Normal() {
    const double u1 = 1.0 - Uniform();  // (0, 1]
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  // One element of a non-empty array, vector or span.
  template <class Container>
  const auto& Pick(const Container& items) {
    return items[Below(std::size(items))];
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, unsigned k) { return (x << k) | (x >> (64U - k)); }
  std::uint64_t state_[4]{};  // NOLINT(*-avoid-c-arrays): the algorithm's four words
};

// Picks index i with probability weights[i] / sum(weights). Weights >= 0, sum > 0.
class WeightedChoice {
 public:
  WeightedChoice() = default;
  explicit WeightedChoice(std::span<const double> weights) { Reset(weights); }
  void Reset(std::span<const double> weights) {
    cumulative_.resize(weights.size());
    double sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      sum += weights[i];
      cumulative_[i] = sum;
    }
  }
  [[nodiscard]] double total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  std::size_t Pick(Rng& rng) const {
    const double target = rng.Uniform() * total();
    const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    const auto index = static_cast<std::size_t>(found - cumulative_.begin());
    return std::min(index, cumulative_.size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace frontdoor::app::demo
