package org.serialregistry.recall.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.serialregistry.recall.CampaignState;
import org.serialregistry.recall.CampaignView;
import org.serialregistry.serial.UnitRecord;
import org.serialregistry.serial.UnitSelection;
import org.serialregistry.serial.UnitStatus;
import org.serialregistry.verification.RecallLookup;
import org.springframework.stereotype.Component;

/**
 * Tells the public page about recalls. A campaign whose job is still running is matched in memory
 * against the unit's production record, so a unit warns from the moment of the signature; a unit
 * already RECALLED is looked up once (cached briefly) for its campaign's instructions. Campaigns
 * started on another instance show within the cache's few seconds.
 */
@Component
public class OpenRecalls implements RecallLookup {

    private record Running(CampaignView campaign, UnitSelection scope) {
    }

    private final CampaignStore store;
    private final LoadingCache<String, List<Running>> running;
    private final Cache<String, Optional<RecallNotice>> recalled = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(10)).build();

    OpenRecalls(CampaignStore store) {
        this.store = store;
        this.running = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(Duration.ofSeconds(5))
                .build(k -> load());
    }

    private List<Running> load() {
        return store.inState(CampaignState.RUNNING).stream().map(c -> {
            var s = c.scope();
            // a listed campaign keeps its list in memory while it runs (at most UnitSelections.MAX_LISTED_SERIALS)
            List<String> listed = c.listedSerials() == 0 ? List.of() : store.allListedSerials(c.id().value());
            Set<String> set = new HashSet<>(listed);
            return new Running(c, new UnitSelection(s.gtin(), s.lots(), List.copyOf(set), s.producedFrom(),
                    s.producedTo(), s.facilityCode(), s.lineCode()));
        }).toList();
    }

    /** Forgets what it knew (a campaign started, completed or closed on this instance). */
    public void refresh() {
        running.invalidateAll();
        recalled.invalidateAll();
    }

    @Override
    public Optional<RecallNotice> recallOf(UnitRecord unit) {
        if (unit.status().terminal()) {
            return Optional.empty();
        }
        for (Running r : running.get("running")) {
            if (r.scope().matches(unit)) {
                return Optional.of(notice(r.campaign()));
            }
        }
        if (unit.status() != UnitStatus.RECALLED) {
            return Optional.empty();
        }
        return recalled.get(unit.serial().value(), s -> store.openCampaignOf(s).map(OpenRecalls::notice));
    }

    private static RecallNotice notice(CampaignView c) {
        return new RecallNotice(c.campaignNumber(), c.instructions());
    }
}
