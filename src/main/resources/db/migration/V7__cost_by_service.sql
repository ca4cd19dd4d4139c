-- Last month is now asked per service too (the change against last month, per service): its
-- per-environment totals go, and both months are asked again at the next refresh (two requests).
DELETE FROM cost_line WHERE service = '*';
DELETE FROM cost_fetch WHERE kind LIKE 'month:%';
