public enum ParIndexKit {}
