-- Claims by claimant within a window: the serial-hopping check (one claimant, many serials)
create index warranty_claim_claimant_idx on warranty_claim (claimant_email, submitted_at);
