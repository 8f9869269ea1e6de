// tconv-conform: runs an implementation of the transposed convolution (an adapter, or
// the built-in references) through the conformance suite, golden vectors first, then
// the real layers (topology), then property checks on random problems; prints the summary and writes the reports. With
// --merge-reports it runs nothing and merges the reports of a run's shards instead.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
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
#include "session_phase.h"
#include "topology_phase.h"
#include "report_html.h"
#include "report_json.h"
#include "report_junit.h"
#include "report_merge.h"
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

// Exit statuses beyond 0 (conforms), 1 (a failure) and 2 (cannot run): usage_text().
constexpr int kNothingChecked = 3;

// A report path that cannot be written fails the run before it starts, not after it: a
// file that exists is opened for writing (not truncated), one that does not is created
// and removed again. O_NONBLOCK: a FIFO without a reader fails instead of blocking.
void check_report_path(const char* option, const std::optional<std::string>& path) {
  if (!path) return;
  const int flags = O_WRONLY | O_NONBLOCK | O_CLOEXEC;
  int fd = open(path->c_str(), flags | O_CREAT | O_EXCL, 0666);
  const bool created = fd >= 0;
  if (!created && errno == EEXIST) fd = open(path->c_str(), flags);
  if (fd < 0) {
    throw UsageError(std::string(option) + " " + *path +
                     ": cannot be written: " + std::strerror(errno));
  }
  close(fd);
  if (created) unlink(path->c_str());
}

template <class Write>
void write_report(const std::optional<std::string>& path, Write write, const RunReport& report) {
  if (!path) return;
  std::ofstream out(*path);
  write(out, report);
  if (!out.flush()) throw std::runtime_error("cannot write the report " + *path);
}

// Prints the summary, writes the reports and returns the exit status of `report`.
int finish(const Options& options, const RunReport& report) {
  if (options.quiet) {
    std::cout << conformance_line(report) << "\n";
  } else {
    print_summary(std::cout, report);
    std::cout << "in " << report.seconds << " s\n";
  }
  write_report(options.json, write_json_report, report);
  write_report(options.junit, write_junit_report, report);
  write_report(options.html, write_html_report, report);
  if (report.failures() > 0) return 1;
  if (report.count(Verdict::passed) > 0 || options.allow_empty) return 0;
  // A CI gate must not turn green on a run that checked nothing.
  std::cerr << "tconv-conform: no case was checked (0 passed, 0 failed, "
            << report.count(Verdict::unsupported)
            << " unsupported): the filters, the vectors or the adapter's declared capabilities "
               "left nothing to check; exit status "
            << kNothingChecked << " (--allow-empty accepts such a run)\n";
  return kNothingChecked;
}

int run(const Options& options) {
  check_report_path("--json", options.json);
  check_report_path("--junit", options.junit);
  check_report_path("--html", options.html);
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
    // The adapter's name and version are its own text: escaped like everything it says.
    std::cout << "tconv-conform: " << terminal_text(report.implementation, false);
    if (adapter) {
      std::cout << ' ' << terminal_text(report.implementation_version, false)
                << "\n  declares: " << describe(adapter->info().capabilities);
    }
    std::cout << "\n  seed " << options.seed << ", shard " << options.shard.index << "/"
              << options.shard.count << "\n  golden vectors from "
              << terminal_text(options.vectors_dir, false) << "\n\n";
  }

  Progress progress;
  std::vector<std::string> notes;
  if (options.golden) notes = run_golden_phase(options, adapter.get(), report, progress);
  // Before the random problems: a --time-budget then counts the real layers' time too.
  if (options.topology) run_topology_phase(options, adapter.get(), report, progress);
  if (options.property) {
    for (std::string& note : run_property_phase(options, adapter.get(), report, progress, start))
      notes.push_back(std::move(note));
  }
  // Sessions need an adapter: the built-in references keep no state between calls.
  if (options.session && adapter) run_session_phase(options, *adapter, report, progress);
  if (options.session_replay) run_session_replay(options, *adapter, report);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  for (const std::string& note : notes) std::cout << "note: " << terminal_text(note, true) << "\n";
  return finish(options, report);
}

// The shards' JSON reports merged into one (report_merge.h), then printed and written
// like a run's.
int merge(const Options& options) {
  check_report_path("--json", options.json);
  check_report_path("--junit", options.junit);
  check_report_path("--html", options.html);
  RunReport merged;
  try {
    merged = merge_shard_report_files(options.merge_reports, join_command(options.arguments));
  } catch (const std::runtime_error& e) {
    throw UsageError(std::string("--merge-reports: ") + e.what());
  }
  return finish(options, merged);
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
    return options.merge_reports.empty() ? tconv::run(options) : tconv::merge(options);
  } catch (const tconv::UsageError& e) {
    // Messages quote adapters and vector files: escaped for the terminal.
    std::cerr << "tconv-conform: " << tconv::terminal_text(e.what(), true) << " (see --help)\n";
  } catch (const std::exception& e) {
    std::cerr << "tconv-conform: " << tconv::terminal_text(e.what(), true) << "\n";
  }
  return 2;
}
