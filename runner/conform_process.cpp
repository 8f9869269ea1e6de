#include "conform_process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "command_line.h"

namespace tconv::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs argv with stdout and stderr into files of `dir`; returns the exit status.
int run_process(const std::vector<std::string>& argv,
                const std::map<std::string, std::string>& environment,
                const std::filesystem::path& dir) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const char* name :
         {"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", "GTEST_SHARD_STATUS_FILE"}) {
      unsetenv(name);
    }
    for (const auto& [name, value] : environment) setenv(name.c_str(), value.c_str(), 1);
    if (!freopen((dir / "stdout").c_str(), "w", stdout) ||
        !freopen((dir / "stderr").c_str(), "w", stderr)) {
      _exit(126);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ConformRun run(std::vector<std::string> argv,
               const std::map<std::string, std::string>& environment) {
  std::string dir_template =
      (std::filesystem::temp_directory_path() / "tconv-conform-XXXXXX").string();
  if (!mkdtemp(dir_template.data())) throw std::runtime_error("mkdtemp failed");
  const std::filesystem::path dir = dir_template;
  argv.insert(argv.end(), {"--json", (dir / "report.json").string()});
  ConformRun r;
  r.command = join_command(argv);
  r.exit_status = run_process(argv, environment, dir);
  r.out = read_file(dir / "stdout");
  r.err = read_file(dir / "stderr");
  if (std::filesystem::exists(dir / "report.json"))
    r.report = nlohmann::json::parse(read_file(dir / "report.json"));
  std::filesystem::remove_all(dir);
  return r;
}

}  // namespace

std::vector<nlohmann::json> ConformRun::cases(const std::string& phase) const {
  std::vector<nlohmann::json> selected;
  if (report.is_null()) return selected;
  for (const nlohmann::json& c : report.at("cases")) {
    if (phase.empty() || c.at("phase") == phase) selected.push_back(c);
  }
  return selected;
}

ConformRun run_conform(const std::vector<std::string>& arguments,
                       const std::map<std::string, std::string>& environment) {
  std::vector<std::string> argv{TCONV_CONFORM};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return run(argv, environment);
}

ConformRun run_command_line(const std::string& command_line) {
  return run(split_command(command_line), {});
}

std::string adapter_library(const std::string& name) {
  return std::string(TCONV_ADAPTERS_DIR) + "/" + name + ".so";
}

std::string python_adapter(const std::string& script) {
  return join_command({TCONV_PYTHON, std::string(TCONV_ADAPTER_SOURCE_DIR) + "/" + script});
}

}  // namespace tconv::testing
