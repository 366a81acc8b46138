#include "data/json_reader.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <system_error>

namespace flameblue::data {

namespace {

constexpr std::size_t kMaxValueChars = 60;

std::string inQuotes(std::string_view s) {
    std::string out = "\"";
    out.append(s);
    out.push_back('"');
    return out;
}

std::string range(double min, double max) {
    return "[" + formatNumber(min) + ", " + formatNumber(max) + "]";
}

}  // namespace

std::string Problems::joined() const {
    std::string out;
    for (const auto& line : m_lines) {
        if (!out.empty()) {
            out.push_back('\n');
        }
        out += line;
    }
    return out;
}

std::string formatNumber(double v) {
    std::ostringstream os;
    os.precision(10);
    os << v;
    return os.str();
}

std::string describeValue(const nlohmann::json& v) {
    // The replace handler keeps a report readable even if a string held invalid UTF-8.
    std::string text = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() <= kMaxValueChars) {
        return text;
    }
    std::size_t cut = kMaxValueChars;
    // Never cut inside a UTF-8 sequence (Chinese names are 3 bytes a character).
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return text.substr(0, cut) + "...";
}

std::optional<nlohmann::json> readJsonFile(const std::filesystem::path& dir,
                                           std::string_view fileName, Problems& problems) {
    const std::filesystem::path path = dir / std::filesystem::path(std::string(fileName));
    const std::string name(fileName);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        problems.add(name + ": file not found (looked for " + inQuotes(path.string()) + ")");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problems.add(name + ": cannot open " + inQuotes(path.string()) + " for reading");
        return std::nullopt;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        problems.add(name + ": read error on " + inQuotes(path.string()));
        return std::nullopt;
    }
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        problems.add(name + ": not valid JSON (at byte " + std::to_string(e.byte) +
                     "): " + e.what());
    }
    return std::nullopt;
}

const nlohmann::json* recordArray(const nlohmann::json& doc, std::string_view fileName,
                                  std::string_view key, Problems& problems) {
    const std::string name(fileName);
    if (!doc.is_object()) {
        problems.add(name + ": expected a JSON object with an array " + inQuotes(key) + ", got " +
                     describeValue(doc));
        return nullptr;
    }
    const auto it = doc.find(key);
    if (it == doc.end()) {
        problems.add(name + ": field " + inQuotes(key) + ": missing, expected an array of records");
        return nullptr;
    }
    if (!it->is_array()) {
        problems.add(name + ": field " + inQuotes(key) + ": expected an array of records, got " +
                     describeValue(*it));
        return nullptr;
    }
    return &*it;
}

RecordReader::RecordReader(std::string_view fileName, std::size_t recordNumber,
                           const nlohmann::json& record, Problems& problems)
    : m_problems(problems) {
    m_where = std::string(fileName) + ": record " + std::to_string(recordNumber);
    if (!record.is_object()) {
        m_problems.add(m_where + ": expected a JSON object, got " + describeValue(record));
        return;
    }
    m_object = &record;
    const auto it = record.find("id");
    if (it != record.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
        m_id = it->get<std::string>();
        m_where += " (id " + inQuotes(m_id) + ")";
    }
}

RecordReader::RecordReader(std::string_view fileName, const nlohmann::json& object,
                           Problems& problems)
    : m_problems(problems), m_where(fileName) {
    if (!object.is_object()) {
        m_problems.add(m_where + ": expected a JSON object, got " + describeValue(object));
        return;
    }
    m_object = &object;
}

bool RecordReader::has(std::string_view field) const {
    const auto* v = find(field);
    return v != nullptr && !v->is_null();
}

const nlohmann::json* RecordReader::find(std::string_view field) const {
    if (m_object == nullptr) {
        return nullptr;
    }
    const auto it = m_object->find(field);
    return it == m_object->end() ? nullptr : &*it;
}

void RecordReader::fail(std::string_view field, std::string_view message) {
    m_problems.add(m_where + ": field " + inQuotes(field) + ": " + std::string(message));
}

void RecordReader::failRecord(std::string_view message) {
    m_problems.add(m_where + ": " + std::string(message));
}

void RecordReader::missing(std::string_view field, std::string_view expected) {
    fail(field, "missing, expected " + std::string(expected));
}

void RecordReader::wrong(std::string_view field, std::string_view expected,
                         const nlohmann::json& got) {
    fail(field, "expected " + std::string(expected) + ", got " + describeValue(got));
}

std::optional<std::string> RecordReader::requiredString(std::string_view field) {
    constexpr std::string_view kExpected = "a non-empty string";
    const auto* v = find(field);
    if (v == nullptr) {
        missing(field, kExpected);
        return std::nullopt;
    }
    if (!v->is_string() || v->get_ref<const std::string&>().empty()) {
        wrong(field, kExpected, *v);
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<std::string> RecordReader::optionalString(std::string_view field) {
    if (!has(field)) {
        return std::nullopt;
    }
    return requiredString(field);
}

std::optional<double> RecordReader::requiredNumber(std::string_view field, double min, double max) {
    const std::string expected = "a number in " + range(min, max);
    const auto* v = find(field);
    if (v == nullptr) {
        missing(field, expected);
        return std::nullopt;
    }
    if (!v->is_number()) {
        wrong(field, expected, *v);
        return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        wrong(field, expected, *v);
        return std::nullopt;
    }
    return d;
}

std::optional<double> RecordReader::optionalNumber(std::string_view field, double min, double max) {
    if (!has(field)) {
        return std::nullopt;
    }
    return requiredNumber(field, min, max);
}

std::optional<double> RecordReader::requiredPositive(std::string_view field) {
    constexpr std::string_view kExpected = "a number > 0";
    const auto* v = find(field);
    if (v == nullptr) {
        missing(field, kExpected);
        return std::nullopt;
    }
    if (!v->is_number()) {
        wrong(field, kExpected, *v);
        return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d) || d <= 0.0) {
        wrong(field, kExpected, *v);
        return std::nullopt;
    }
    return d;
}

std::optional<double> RecordReader::optionalPositive(std::string_view field) {
    if (!has(field)) {
        return std::nullopt;
    }
    return requiredPositive(field);
}

std::optional<int> RecordReader::requiredInt(std::string_view field, int min, int max,
                                             std::string_view maxLabel) {
    const std::string upper =
        maxLabel.empty() ? std::to_string(max) : std::string(maxLabel) + " " + std::to_string(max);
    const std::string expected = "an integer in [" + std::to_string(min) + ", " + upper + "]";
    const auto* v = find(field);
    if (v == nullptr) {
        missing(field, expected);
        return std::nullopt;
    }
    if (!v->is_number_integer()) {
        wrong(field, expected, *v);
        return std::nullopt;
    }
    // Unsigned values above INT64_MAX would wrap when read as signed.
    if (v->is_number_unsigned() &&
        v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        wrong(field, expected, *v);
        return std::nullopt;
    }
    const std::int64_t i = v->get<std::int64_t>();
    if (i < min || i > max) {
        wrong(field, expected, *v);
        return std::nullopt;
    }
    return static_cast<int>(i);
}

std::optional<bool> RecordReader::requiredBool(std::string_view field) {
    constexpr std::string_view kExpected = "true or false";
    const auto* v = find(field);
    if (v == nullptr) {
        missing(field, kExpected);
        return std::nullopt;
    }
    if (!v->is_boolean()) {
        wrong(field, kExpected, *v);
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::vector<std::string>> RecordReader::requiredStringList(std::string_view field) {
    constexpr std::string_view kExpected = "an array of non-empty strings";
    const auto* v = find(field);
    if (v == nullptr) {
        missing(field, kExpected);
        return std::nullopt;
    }
    if (!v->is_array()) {
        wrong(field, kExpected, *v);
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto& item = (*v)[i];
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
            fail(field, "item " + std::to_string(i + 1) + ": expected a non-empty string, got " +
                            describeValue(item));
            ok = false;
            continue;
        }
        out.push_back(item.get<std::string>());
    }
    if (!ok) {
        return std::nullopt;
    }
    return out;
}

std::optional<core::LatLon> RecordReader::position(const RegionBox& box) {
    auto lat = requiredNumber("lat", -90.0, 90.0);
    auto lon = requiredNumber("lon", -180.0, 180.0);
    if (lat && (*lat < box.minLat || *lat > box.maxLat)) {
        fail("lat", "expected a latitude inside the Shanxi box " + range(box.minLat, box.maxLat) +
                        ", got " + formatNumber(*lat));
        lat.reset();
    }
    if (lon && (*lon < box.minLon || *lon > box.maxLon)) {
        fail("lon", "expected a longitude inside the Shanxi box " + range(box.minLon, box.maxLon) +
                        ", got " + formatNumber(*lon));
        lon.reset();
    }
    if (!lat || !lon) {
        return std::nullopt;
    }
    return core::LatLon{*lat, *lon};
}

}  // namespace flameblue::data
