// The suite inside a third party's own GoogleTest binary (embed/README.md): every golden
// case and every property check, on N seeded random problems, registered as tests of its
// adapter. Call before RUN_ALL_TESTS, after testing::InitGoogleTest.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>

// Defined by the target tconv::tconv_gtest: the installed golden vector files.
#ifndef TCONV_GTEST_VECTORS_DIR
#error "link the target tconv::tconv_gtest (find_package(tconv_conformance)), which defines TCONV_GTEST_VECTORS_DIR"
#endif

namespace tconv {

class Adapter;  // <tconv/suite/adapter_interface.h>: InProcessAdapter (C ABI, linked in or loaded), ProcessAdapter

struct EmbeddingOptions {
  std::filesystem::path vectors_dir = TCONV_GTEST_VECTORS_DIR;  // the golden vector files
  std::uint64_t seed = 1;     // of the random problems and of every check's data
  int random_problems = 100;  // problems drawn for each of the four property checks
  std::chrono::milliseconds call_timeout{10'000};  // an in-process call, run in a forked child
};

// Registers, for `adapter`:
//  - TconvGolden.<case id>: each stored case an adapter can be given (conformance/README.md);
//  - TconvOutputShape / TconvAgreement / TconvAdjointness / TconvLinearity.random_<i>:
//    the property check on random problem i of the seed, i < random_problems, shrunk to a
//    minimal problem on failure.
// A case outside the adapter's declared capabilities is skipped, saying what it needs.
// Throws when the vector files cannot be loaded or hold no case.
void register_conformance_tests(std::shared_ptr<Adapter> adapter,
                                const EmbeddingOptions& options = {});

}  // namespace tconv
