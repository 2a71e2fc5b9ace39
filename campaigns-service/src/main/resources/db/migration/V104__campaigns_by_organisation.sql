-- GET /api/v1/campaigns?organisationId=: an organisation's campaigns, newest first.
CREATE INDEX campaigns_organisation_newest ON campaigns (organisation_id, opened_at DESC, id DESC);
