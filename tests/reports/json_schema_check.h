// A small JSON Schema (2020-12) checker for the keywords our schemas use: type, required,
// properties, items, enum, const, pattern, minItems, maxItems, minLength, minimum, maximum and
// local "$ref" into "#/$defs/...". A keyword it does not know is reported as an error, so that a
// schema never passes by being half understood.
#pragma once

#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace flameblue::jsonschema {

class SchemaCheck {
public:
    explicit SchemaCheck(nlohmann::json schema) : m_root(std::move(schema)) {}

    // Every way `doc` breaks the schema, each as "<JSON pointer>: <what>"; empty when it conforms.
    std::vector<std::string> errors(const nlohmann::json& doc) const {
        std::vector<std::string> out;
        check(m_root, doc, "", out);
        return out;
    }

private:
    static bool hasType(const nlohmann::json& v, const std::string& type) {
        if (type == "object")
            return v.is_object();
        if (type == "array")
            return v.is_array();
        if (type == "string")
            return v.is_string();
        if (type == "number")
            return v.is_number();
        if (type == "integer")
            return v.is_number_integer() || v.is_number_unsigned();
        if (type == "boolean")
            return v.is_boolean();
        if (type == "null")
            return v.is_null();
        return false;
    }

    void check(const nlohmann::json& schema, const nlohmann::json& v, const std::string& at,
               std::vector<std::string>& out) const {
        static const std::set<std::string> kIgnored = {"$schema", "$id", "title", "description",
                                                       "$defs"};
        for (const auto& [key, rule] : schema.items()) {
            if (kIgnored.contains(key)) {
                continue;
            }
            if (key == "$ref") {
                const std::string target = rule.get<std::string>();
                const std::string prefix = "#/$defs/";
                if (target.rfind(prefix, 0) != 0 ||
                    !m_root["$defs"].contains(target.substr(prefix.size()))) {
                    out.push_back(at + ": schema reference " + target + " is not resolvable");
                    continue;
                }
                check(m_root["$defs"][target.substr(prefix.size())], v, at, out);
            } else if (key == "type") {
                if (!hasType(v, rule.get<std::string>()))
                    out.push_back(at + ": expected " + rule.get<std::string>());
            } else if (key == "required") {
                for (const auto& name : rule) {
                    if (v.is_object() && !v.contains(name.get<std::string>()))
                        out.push_back(at + ": missing required " + name.get<std::string>());
                }
            } else if (key == "properties") {
                if (!v.is_object())
                    continue;
                for (const auto& [name, sub] : rule.items()) {
                    if (v.contains(name))
                        check(sub, v[name], at + "/" + name, out);
                }
            } else if (key == "items") {
                if (!v.is_array())
                    continue;
                for (std::size_t i = 0; i < v.size(); ++i)
                    check(rule, v[i], at + "/" + std::to_string(i), out);
            } else if (key == "enum") {
                bool found = false;
                for (const auto& option : rule)
                    found = found || option == v;
                if (!found)
                    out.push_back(at + ": " + v.dump() + " is not one of " + rule.dump());
            } else if (key == "const") {
                if (rule != v)
                    out.push_back(at + ": expected " + rule.dump() + ", got " + v.dump());
            } else if (key == "pattern") {
                if (v.is_string() &&
                    !std::regex_search(v.get<std::string>(), std::regex(rule.get<std::string>())))
                    out.push_back(at + ": " + v.dump() + " does not match " +
                                  rule.get<std::string>());
            } else if (key == "minItems") {
                if (v.is_array() && v.size() < rule.get<std::size_t>())
                    out.push_back(at + ": fewer than " + rule.dump() + " items");
            } else if (key == "maxItems") {
                if (v.is_array() && v.size() > rule.get<std::size_t>())
                    out.push_back(at + ": more than " + rule.dump() + " items");
            } else if (key == "minLength") {
                if (v.is_string() && v.get<std::string>().size() < rule.get<std::size_t>())
                    out.push_back(at + ": shorter than " + rule.dump());
            } else if (key == "minimum") {
                if (v.is_number() && v.get<double>() < rule.get<double>())
                    out.push_back(at + ": below " + rule.dump());
            } else if (key == "maximum") {
                if (v.is_number() && v.get<double>() > rule.get<double>())
                    out.push_back(at + ": above " + rule.dump());
            } else {
                out.push_back(at + ": schema keyword " + key + " is not supported by this check");
            }
        }
    }

    nlohmann::json m_root;
};

}  // namespace flameblue::jsonschema
