"""The referral pages: building a list (lists.py), the handout and the share page
(handout.py), and following up the referrals a list records (tracking.py)."""
