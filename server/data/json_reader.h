#pragma once

// Field helpers for the data-set loader. Every check reports into a Problems list instead of
// stopping, so an operator who edits the files sees all mistakes in one pass.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/geo.h"

namespace flameblue::data {

// A generous box around Shanxi (the province spans about 34.6-40.7 N, 110.2-114.6 E); a point
// outside it is almost certainly a typo or swapped lat/lon.
struct RegionBox {
    double minLat = 34.0;
    double maxLat = 41.5;
    double minLon = 110.0;
    double maxLon = 115.0;
};

// One line per problem, each naming the file and, where there is one, the record and field.
class Problems {
public:
    void add(std::string line) { m_lines.push_back(std::move(line)); }
    bool empty() const { return m_lines.empty(); }
    std::size_t size() const { return m_lines.size(); }
    const std::vector<std::string>& lines() const { return m_lines; }
    // The lines joined with '\n'.
    std::string joined() const;

private:
    std::vector<std::string> m_lines;
};

// Formats a number the way an operator wrote it: 200, 41.5, -90.
std::string formatNumber(double v);

// A JSON value as it appears in the file, shortened so one bad object does not flood the report.
std::string describeValue(const nlohmann::json& v);

// Reads and parses `dir / fileName`. A missing, unreadable or malformed file becomes a problem
// (with nlohmann's byte position for parse errors) and the result is empty.
std::optional<nlohmann::json> readJsonFile(const std::filesystem::path& dir,
                                           std::string_view fileName, Problems& problems);

// The array of records under `key` in a parsed file, or nullptr (and a problem) when the file
// is not an object or `key` is missing or not an array.
const nlohmann::json* recordArray(const nlohmann::json& doc, std::string_view fileName,
                                  std::string_view key, Problems& problems);

// Reads the fields of one JSON object and reports what is wrong with them, prefixed with where
// the object is: `stations.json: record 12 (id "TY-S01"): field "lat": ...`. Records are
// counted from 1, as an operator counts them in an editor. Every getter returns nullopt when
// the field is absent or invalid (having reported it), so callers just skip the record.
class RecordReader {
public:
    // A record in an array; its "id" (when it is a non-empty string) is used in every message.
    RecordReader(std::string_view fileName, std::size_t recordNumber, const nlohmann::json& record,
                 Problems& problems);
    // The top-level object of a file (messages name the file and field only).
    RecordReader(std::string_view fileName, const nlohmann::json& object, Problems& problems);

    // False (and reported) when the record is not a JSON object; no getter may be used then.
    bool isObject() const { return m_object != nullptr; }
    const std::string& id() const { return m_id; }
    // The prefix used in messages, e.g. `units.json: record 3 (id "TY-S01-E1")`.
    const std::string& where() const { return m_where; }

    bool has(std::string_view field) const;

    // A non-empty string.
    std::optional<std::string> requiredString(std::string_view field);
    // Absent or null gives an empty optional without a problem; present must be a non-empty string.
    std::optional<std::string> optionalString(std::string_view field);

    // A finite number in [min, max].
    std::optional<double> requiredNumber(std::string_view field, double min, double max);
    std::optional<double> optionalNumber(std::string_view field, double min, double max);
    // A finite number > 0 (speeds, endurance, capacities).
    std::optional<double> requiredPositive(std::string_view field);
    std::optional<double> optionalPositive(std::string_view field);

    // An integer in [min, max] (1.0 is not an integer: counts are written as integers).
    std::optional<int> requiredInt(std::string_view field, int min, int max,
                                   std::string_view maxLabel = {});

    std::optional<bool> requiredBool(std::string_view field);

    // An array of non-empty strings (may be empty).
    std::optional<std::vector<std::string>> requiredStringList(std::string_view field);

    // "lat" and "lon": finite, on the globe, then inside `box`.
    std::optional<core::LatLon> position(const RegionBox& box);

    // Reports `<where>: field "<field>": <message>`.
    void fail(std::string_view field, std::string_view message);
    // Reports `<where>: <message>` for problems that belong to no single field.
    void failRecord(std::string_view message);

private:
    const nlohmann::json* find(std::string_view field) const;
    void missing(std::string_view field, std::string_view expected);
    void wrong(std::string_view field, std::string_view expected, const nlohmann::json& got);

    const nlohmann::json* m_object = nullptr;
    Problems& m_problems;
    std::string m_id;
    std::string m_where;
};

}  // namespace flameblue::data
