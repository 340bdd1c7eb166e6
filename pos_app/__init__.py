"""pos-app: redeem WeChat Cards & Offers coupons at a store counter."""

__version__ = "0.1.0"
