// Moderation queue: opening "Reply" on a row puts the cursor in its reply box (without this, Tab gets there).
document.addEventListener("toggle", (event) => {
    const details = event.target;
    if (details.classList && details.classList.contains("inline-reply") && details.open) {
        details.querySelector("textarea").focus();
    }
}, true);
