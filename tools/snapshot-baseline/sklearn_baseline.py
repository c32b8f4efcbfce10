"""Hold-out AUC of a scikit-learn logistic regression on a customer-level snapshot, on the split CreditRisk used.

Usage: python3 sklearn_baseline.py SNAPSHOT.csv HOLDOUT_IDS.csv [LABEL_FROM_BUCKET]
HOLDOUT_IDS.csv comes from `creditrisk train --snapshot SNAPSHOT.csv --write-holdout HOLDOUT_IDS.csv`.
The model sees the same seven columns (standardised), trained on every row not held out.
"""
import sys

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

snapshot = pd.read_csv(sys.argv[1])
holdout_ids = set(pd.read_csv(sys.argv[2])["customer_id"])
label_from = int(sys.argv[3]) if len(sys.argv) > 3 else 1
columns = ["Credit Limit", "Utilisation %", "Avg Payment Ratio", "Min Due Paid Frequency", "Merchant Mix Index",
           "Cash Withdrawal %", "Recent Spend Change %"]
y = (snapshot["DPD Bucket Next Month"] >= label_from).astype(int)
is_holdout = snapshot["Customer ID"].isin(holdout_ids)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
model.fit(snapshot.loc[~is_holdout, columns], y[~is_holdout])
auc = roc_auc_score(y[is_holdout], model.predict_proba(snapshot.loc[is_holdout, columns])[:, 1])
print(f"rows {len(snapshot)}, hold-out {is_holdout.sum()} ({y[is_holdout].sum()} positive), scikit-learn logistic AUC {auc:.4f}")
