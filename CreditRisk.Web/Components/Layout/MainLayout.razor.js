// The visitor's light/dark choice, remembered in this browser only (no account needed, nothing sent to the server).
const key = "creditrisk.theme";

export function getThemePreference() {
    try {
        return localStorage.getItem(key);
    } catch {
        return null;
    }
}

export function setThemePreference(mode) {
    try {
        localStorage.setItem(key, mode);
    } catch {
        // Private browsing may refuse storage; the toggle still works for this page.
    }
}
