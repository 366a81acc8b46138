#pragma once

// Parses CoT output with expat: every element with its attributes, and the text of <remarks>.

#include <expat.h>

#include <map>
#include <string>
#include <vector>

namespace flameblue::testing {

struct XmlElement {
    std::string name;
    std::map<std::string, std::string> attributes;
    int depth = 0;
};

struct ParsedXml {
    bool ok = false;
    std::string error;
    std::vector<XmlElement> elements;
    std::string text;

    const XmlElement* find(const std::string& name) const {
        for (const auto& e : elements) {
            if (e.name == name)
                return &e;
        }
        return nullptr;
    }
    std::string attr(const std::string& element, const std::string& name) const {
        const XmlElement* e = find(element);
        if (!e)
            return "<no " + element + ">";
        auto it = e->attributes.find(name);
        return it == e->attributes.end() ? "<no " + name + ">" : it->second;
    }
};

inline ParsedXml parseXml(const std::string& xml) {
    ParsedXml out;
    struct State {
        ParsedXml* out;
        int depth = 0;
    } state{&out};
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &state);
    XML_SetElementHandler(
        p,
        [](void* data, const XML_Char* name, const XML_Char** attrs) {
            auto* s = static_cast<State*>(data);
            XmlElement e;
            e.name = name;
            e.depth = s->depth++;
            for (int i = 0; attrs[i]; i += 2)
                e.attributes[attrs[i]] = attrs[i + 1];
            s->out->elements.push_back(std::move(e));
        },
        [](void* data, const XML_Char*) { --static_cast<State*>(data)->depth; });
    XML_SetCharacterDataHandler(p, [](void* data, const XML_Char* s, int len) {
        static_cast<State*>(data)->out->text.append(s, static_cast<std::size_t>(len));
    });
    out.ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
    if (!out.ok)
        out.error = XML_ErrorString(XML_GetErrorCode(p));
    XML_ParserFree(p);
    return out;
}

}  // namespace flameblue::testing
