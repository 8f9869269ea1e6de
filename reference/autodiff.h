// A minimal reverse-mode automatic differentiation: a scalar Var<T> whose arithmetic
// records itself on a Tape<T>, and a reverse sweep that accumulates adjoints into the
// tape's leaves. It knows exactly the operations the forward convolution uses:
// Var + Var and Var · constant.
//
// The tape holds the leaves (the independent variables) first, then one record per
// operation: its parents and the local partial derivative towards each. A sweep seeds
// one result's adjoint and walks the records backwards, adding partial · adjoint into
// each parent; the leaves' adjoints are kept across sweeps and rewinds, so sweeping
// results r_j with seeds s_j leaves d(sum_j s_j · r_j)/d(leaf) on every leaf.
// rewind() forgets the operations (not the leaves), so a caller that sweeps and
// rewinds after each result keeps the tape as short as one result's expression.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace tconv {

template <class T>
class Tape;

// A value, and where it sits on its tape. Default-constructed or built from a constant,
// it is a constant on no tape: its derivative is zero and operations on constants alone
// record nothing.
template <class T>
class Var {
 public:
  Var() = default;
  explicit Var(T constant) : value_(constant) {}

  T value() const { return value_; }

  friend Var operator+(const Var& a, const Var& b) {
    if (!a.tape_ && !b.tape_) return Var(a.value_ + b.value_);
    Tape<T>& tape = a.tape_ ? *a.tape_ : *b.tape_;
    if (a.tape_ && b.tape_ && a.tape_ != b.tape_) {
      throw std::logic_error("Var + Var: operands on different tapes");
    }
    return record(tape, a.value_ + b.value_, {a.index_, b.index_}, {T(1), T(1)});
  }

  friend Var operator*(const Var& a, T constant) {
    if (!a.tape_) return Var(a.value_ * constant);
    return record(*a.tape_, a.value_ * constant, {a.index_, kNone}, {constant, T(0)});
  }
  friend Var operator*(T constant, const Var& a) { return a * constant; }

 private:
  friend class Tape<T>;
  static constexpr std::int64_t kNone = -1;

  Var(Tape<T>* tape, std::int64_t index, T value) : tape_(tape), index_(index), value_(value) {}

  // The operators' way onto the tape (friendship is not inherited by friend functions).
  static Var record(Tape<T>& tape, T value, std::array<std::int64_t, 2> parent,
                    std::array<T, 2> partial) {
    return tape.record(value, parent, partial);
  }

  Tape<T>* tape_ = nullptr;
  std::int64_t index_ = kNone;
  T value_{};
};

template <class T>
class Tape {
 public:
  Tape() = default;
  Tape(const Tape&) = delete;  // Vars point at their tape
  Tape& operator=(const Tape&) = delete;

  // A new independent variable, adjoint 0. All leaves come before the first operation.
  Var<T> leaf(T value) {
    if (!operations_.empty()) throw std::logic_error("Tape::leaf after an operation");
    adjoint_.push_back(T(0));
    return Var<T>(this, leaves_++, value);
  }

  // Adds seed · d(result)/d(leaf) to every leaf's adjoint. A constant result adds nothing.
  void backward(const Var<T>& result, T seed) {
    if (!result.tape_) return;
    if (result.tape_ != this) throw std::logic_error("Tape::backward: result on another tape");
    adjoint_.resize(leaves_);  // the operations' adjoints start from 0 on every sweep
    adjoint_.resize(leaves_ + operations_.size(), T(0));
    adjoint_[result.index_] += seed;
    for (std::int64_t i = static_cast<std::int64_t>(operations_.size()) - 1; i >= 0; --i) {
      const Operation& op = operations_[i];
      const T adjoint = adjoint_[leaves_ + i];
      for (int j = 0; j < 2; ++j) {
        if (op.parent[j] != Var<T>::kNone) adjoint_[op.parent[j]] += op.partial[j] * adjoint;
      }
    }
  }

  // Forgets every operation; leaves and their adjoints stay.
  void rewind() {
    operations_.clear();
    adjoint_.resize(leaves_);
  }

  T adjoint(const Var<T>& leaf) const {
    if (leaf.tape_ != this || leaf.index_ >= leaves_) {
      throw std::logic_error("Tape::adjoint: not a leaf of this tape");
    }
    return adjoint_[leaf.index_];
  }

  std::size_t operations() const { return operations_.size(); }

 private:
  friend class Var<T>;

  // One operation: up to two parents (kNone if absent) and d(result)/d(parent).
  struct Operation {
    std::array<std::int64_t, 2> parent;
    std::array<T, 2> partial;
  };

  Var<T> record(T value, std::array<std::int64_t, 2> parent, std::array<T, 2> partial) {
    operations_.push_back({parent, partial});
    return Var<T>(this, leaves_ + static_cast<std::int64_t>(operations_.size()) - 1, value);
  }

  std::int64_t leaves_ = 0;
  std::vector<Operation> operations_;
  std::vector<T> adjoint_;  // leaves first, then (during a sweep) the operations
};

}  // namespace tconv
