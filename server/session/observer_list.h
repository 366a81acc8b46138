#pragma once

#include <vector>

#include "session/session.h"

namespace flameblue::session {

// Lets several observers watch one session (the live fan-out, an export): each sees every
// stage and commit in order. Observers must not block the writer.
class ObserverList : public CommitObserver {
public:
    explicit ObserverList(std::vector<CommitObserver*> observers)
        : m_observers(std::move(observers)) {}

    void stage(const core::Event& event, const core::State& after,
               const core::Affected& affected) override {
        for (CommitObserver* o : m_observers)
            o->stage(event, after, affected);
    }
    void commit() override {
        for (CommitObserver* o : m_observers)
            o->commit();
    }

private:
    std::vector<CommitObserver*> m_observers;
};

}  // namespace flameblue::session
