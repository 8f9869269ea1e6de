// For the self-tests: tconv-conform run as a subprocess, its exit status, output and
// --json report; and where the adapters of adapter/ are.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tconv::testing {

struct ConformRun {
  int exit_status = -1;   // -1 when it was killed by a signal
  std::string out, err;   // stdout, stderr
  nlohmann::json report;  // the --json report, null when none was written
  std::string command;    // for failure messages

  // The report's cases, optionally of one phase only.
  std::vector<nlohmann::json> cases(const std::string& phase = "") const;
};

// Runs tconv-conform with `arguments` and --json to a temporary file, in an environment
// without the GoogleTest sharding variables but with `environment` added.
ConformRun run_conform(const std::vector<std::string>& arguments,
                       const std::map<std::string, std::string>& environment = {});

// The command re-running a case, as printed in the report (split like a shell).
ConformRun run_command_line(const std::string& command_line);

// adapter/ build products and sources.
std::string adapter_library(const std::string& name);   // "c_adapter", "fault_crash", ...
std::string python_adapter(const std::string& script);  // "examples/python_adapter.py", ...

}  // namespace tconv::testing
