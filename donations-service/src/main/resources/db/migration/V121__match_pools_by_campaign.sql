-- GET /api/v1/campaigns/{id}/match-pools: a campaign's pools, newest first.
CREATE INDEX match_pools_by_campaign ON match_pools (campaign_id, opened_at DESC, match_pool_id DESC);
