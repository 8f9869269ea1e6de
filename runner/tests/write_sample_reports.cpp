// Writes the sample report (sample_report.h) in every format into a folder, for the
// browser check (scripts/check_html_report.py), the JSON schema check, and for people.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "report_html.h"
#include "report_json.h"
#include "report_junit.h"
#include "sample_report.h"
#include "summary.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_sample_reports FOLDER\n";
    return 2;
  }
  const tconv::RunReport report = tconv::testing::sample_report();
  const std::string folder = argv[1];
  std::filesystem::create_directories(folder);
  std::ofstream summary(folder + "/sample.txt"), json(folder + "/sample.json"),
      junit(folder + "/sample.xml"), html(folder + "/sample.html");
  tconv::print_summary(summary, report);
  tconv::write_json_report(json, report);
  tconv::write_junit_report(junit, report);
  tconv::write_html_report(html, report);
  if (!summary || !json || !junit || !html) {
    std::cerr << "write_sample_reports: cannot write to " << folder << "\n";
    return 1;
  }
  std::cout << "wrote " << folder << "/sample.{txt,json,xml,html}\n";
}
