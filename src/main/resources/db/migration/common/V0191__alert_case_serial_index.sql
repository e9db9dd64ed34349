-- Counterfeit detection looks for a unit's open case by its serial for every signal it stores
-- (CaseStore.findOpenCase): without an index that is a scan of every case ever opened. In the 10 M-unit
-- benchmark, after the forged codes of a few runs (50,654 cases), that one query held a PostgreSQL core at
-- 94 % during the measurements. With (serial, state) it reads the unit's few cases.
create index alert_case_serial_idx on alert_case (serial, state);
