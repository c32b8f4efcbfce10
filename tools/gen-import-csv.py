#!/usr/bin/env python3
"""Writes synthetic customers.csv and transactions.csv for load-testing `creditrisk import`.

usage: tools/gen-import-csv.py OUT_DIR [TRANSACTIONS] [CUSTOMERS]
defaults: 1,000,000 transactions over 10,000 customers. Rows are streamed to disk, never held in memory.
"""
import os
import random
import sys
from datetime import datetime, timedelta, timezone

out = sys.argv[1]
transactions = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
customers = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
os.makedirs(out, exist_ok=True)
rng = random.Random(42)

with open(os.path.join(out, "customers.csv"), "w", newline="") as f:
    f.write("customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in\n")
    for i in range(customers):
        f.write(f'cust-{i:07d},"Customer {i}, Test",+9198{i:08d},{rng.randrange(20, 500) * 1000}.00,2021-0{1 + i % 9}-1{i % 10},{"true" if i % 3 else "false"}\n')

types = ["purchase"] * 12 + ["cash_withdrawal", "payment", "payment", "refund", "fee", "interest"]
mccs = ["5411", "5812", "5999", "4111", "5732", "6011"]
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
with open(os.path.join(out, "transactions.csv"), "w", newline="") as f:
    f.write("transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel\n")
    for i in range(transactions):
        at = start + timedelta(seconds=i * 20)
        kind = rng.choice(types)
        mcc = rng.choice(mccs) if kind in ("purchase", "refund", "cash_withdrawal") else ""
        f.write(f"tx-{i:09d},cust-{rng.randrange(customers):07d},{at:%Y-%m-%dT%H:%M:%SZ},{rng.randrange(100, 500000) / 100:.2f},{kind},{mcc},{'m-' + str(rng.randrange(5000)) if mcc else ''},{'atm' if kind == 'cash_withdrawal' else 'pos'}\n")
print(f"wrote {customers:,} customers and {transactions:,} transactions to {out}")
