// Shard reports merged into one: `tconv-conform --merge-reports a.json b.json ...` reads
// the JSON reports of the n shards of one run (--shard i/n) and writes one report of the
// whole run, whose totals are the sums of the shards' totals.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report.h"

namespace tconv {

// Reports are read as hostile input: the file at most this large, its nesting bounded
// (check/bounded_json.h), a record standing for at most this many random problems.
inline constexpr std::uintmax_t kMaxReportFileBytes = std::uintmax_t{256} << 20;
inline constexpr std::int64_t kMaxCasesRepresented = 1'000'000'000;

// A JSON report (report.schema.json) read back. Throws std::runtime_error naming `name`,
// the field and what is wrong when the text is not such a report.
RunReport read_json_report(std::string_view text, const std::string& name);

// The shards of one run, in any order, as one report (shard 0 of 1): the cases of shard
// 0, then of shard 1, ...; started_at the earliest, seconds the longest shard's.
// Throws std::runtime_error unless every report is a shard of the same run (same
// implementation, version, seed and shard count) and each shard is there exactly once.
RunReport merge_shard_reports(std::vector<RunReport> shards, const std::string& command_line);

// The files read and merged; throws std::runtime_error naming the file.
RunReport merge_shard_report_files(const std::vector<std::string>& paths,
                                   const std::string& command_line);

}  // namespace tconv
