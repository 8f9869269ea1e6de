// tconv-conform: runs an implementation of the transposed convolution (an adapter, or
// the built-in references) through the conformance suite, golden vectors first, then
// property checks on random problems; prints the summary and writes the reports.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>

#include "capabilities.h"
#include "command_line.h"
#include "golden_phase.h"
#include "options.h"
#include "process_adapter.h"
#include "property_phase.h"
#include "report_html.h"
#include "report_json.h"
#include "report_junit.h"
#include "summary.h"

namespace tconv {
namespace {

// The adapter the options name, or null for the built-in references. AdapterError when
// it cannot be loaded or started.
std::unique_ptr<Adapter> load_adapter(const Options& o) {
  if (o.adapter_library) return InProcessAdapter::load(*o.adapter_library);
  if (o.adapter_command) {
    return std::make_unique<ProcessAdapter>(
        split_command(*o.adapter_command),
        ProcessOptions{o.timeout, ProcessOptions{}.startup_timeout});
  }
  return nullptr;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return text;
}

template <class Write>
void write_report(const std::optional<std::string>& path, Write write, const RunReport& report) {
  if (!path) return;
  std::ofstream out(*path);
  write(out, report);
  if (!out.flush()) throw std::runtime_error("cannot write the report " + *path);
}

int run(const Options& options) {
  const auto start = std::chrono::steady_clock::now();
  RunReport report;
  report.started_at = utc_now();
  report.command_line = join_command(options.arguments);
  report.seed = options.seed;
  report.shard_index = options.shard.index;
  report.shard_count = options.shard.count;
  if (options.shard_status_file) std::ofstream(*options.shard_status_file);  // sharding understood

  std::unique_ptr<Adapter> adapter;
  try {
    adapter = load_adapter(options);
  } catch (const AdapterError& e) {
    throw UsageError(std::string("cannot use the adapter: ") + e.what());
  }
  report.implementation = adapter ? adapter->info().name : "built-in references";
  report.implementation_version = adapter ? adapter->info().version : "";
  if (!options.quiet) {
    std::cout << "tconv-conform: " << report.implementation
              << (adapter ? " " + report.implementation_version +
                                "\n  declares: " + describe(adapter->info().capabilities)
                          : "")
              << "\n  seed " << options.seed << ", shard " << options.shard.index << "/"
              << options.shard.count << "\n  golden vectors from " << options.vectors_dir
              << "\n\n";
  }

  Progress progress;
  std::vector<std::string> notes;
  if (options.golden) run_golden_phase(options, adapter.get(), report, progress);
  if (options.property) notes = run_property_phase(options, adapter.get(), report, progress, start);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const std::string& note : notes) std::cout << "note: " << note << "\n";
  if (options.quiet) {
    std::cout << conformance_line(report) << "\n";
  } else {
    print_summary(std::cout, report);
    std::cout << "in " << report.seconds << " s\n";
  }
  write_report(options.json, write_json_report, report);
  write_report(options.junit, write_junit_report, report);
  write_report(options.html, write_html_report, report);
  return report.failures() > 0 ? 1 : 0;
}

}  // namespace
}  // namespace tconv

int main(int argc, char** argv) {
  try {
    const tconv::Options options =
        tconv::parse_options(std::vector<std::string>(argv, argv + argc));
    if (options.help) {
      std::cout << tconv::usage_text();
      return 0;
    }
    return tconv::run(options);
  } catch (const tconv::UsageError& e) {
    std::cerr << "tconv-conform: " << e.what() << " (see --help)\n";
  } catch (const std::exception& e) {
    std::cerr << "tconv-conform: " << e.what() << "\n";
  }
  return 2;
}
