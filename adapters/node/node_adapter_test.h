// Shared by the node adapters' tests (adapters/onnxruntime, tfjs, ...): the command
// running an adapter.mjs, and whether node and the adapter's packages are installed.
// A missing install fails the test with how to install it: it is never a skip.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "process_adapter.h"

namespace tconv::testing {

// node adapters/<name>/adapter.mjs [options...] (TCONV_NODE: the node CMake found).
inline std::vector<std::string> node_adapter_command(const std::string& name,
                                                     const std::vector<std::string>& options = {}) {
  std::vector<std::string> command{
      TCONV_NODE, std::string(TCONV_SOURCE_ROOT) + "/adapters/" + name + "/adapter.mjs"};
  command.insert(command.end(), options.begin(), options.end());
  return command;
}

// Success when node and every package (in scripts/node_modules, the project the node
// adapters share with the golden-vector generators) are installed.
inline ::testing::AssertionResult node_packages_installed(
    std::initializer_list<const char*> packages) {
  namespace fs = std::filesystem;
  if (!fs::exists(TCONV_NODE)) {
    return ::testing::AssertionFailure() << "node is not installed (CMake found '" << TCONV_NODE
                                         << "'): run adapters/install.sh, then configure again";
  }
  const fs::path modules = fs::path(TCONV_SOURCE_ROOT) / "scripts" / "node_modules";
  for (const char* package : packages) {
    if (!fs::exists(modules / package / "package.json")) {
      return ::testing::AssertionFailure()
             << "the node package " << package << " is not installed in " << modules.string()
             << ": run adapters/install.sh";
    }
  }
  return ::testing::AssertionSuccess();
}

// Generous limits: each adapter process loads node and its framework, on a machine whose
// cores are shared with other builds.
inline const ProcessOptions kNodeAdapterOptions{std::chrono::seconds(60), std::chrono::seconds(60)};

}  // namespace tconv::testing
