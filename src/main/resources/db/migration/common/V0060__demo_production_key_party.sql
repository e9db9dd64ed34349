-- Every caller acts only for the party it is bound to (production included). The documented demo
-- production key (prefix demoprod, only ever created in demo mode) acts for the Munich plant MFG-DE.
update api_key set party_ref = 'MFG-DE' where key_prefix = 'demoprod' and party_ref is null;
