"""Our short Spanish summaries of the fact sheet's factors, by slug: a help to follow the
official English text, never a translation of it. Migration 0004 seeds them; curators may
edit them in the admin."""

SUMMARIES_ES = {
    "poverty": (
        "Cuando a una familia le falta dinero para comida o renta, un joven puede quedar más "
        "expuesto a que lo engañen o lo exploten. La pobreza también hace más difícil "
        "conseguir atención médica y otros apoyos."
    ),
    "immigration": (
        "Muchos jóvenes inmigrantes, sobre todo si no tienen papeles, corren más riesgo: "
        "pueden tener miedo de pedir ayuda, deber dinero o no conocer sus derechos, y los "
        "tratantes se aprovechan de eso."
    ),
    "adverse-childhood-experiences": (
        "El abuso, el rechazo de la familia, la discriminación y el trauma que pasa de una "
        "generación a otra ponen a los jóvenes en más riesgo. Ese dolor también hace más "
        "fuertes los otros riesgos."
    ),
    "child-welfare-juvenile-justice": (
        "Los jóvenes que han pasado por el sistema de protección infantil o de justicia "
        "juvenil suelen haber vivido cosas difíciles. A veces estos sistemas mismos los "
        "dejan al alcance de los tratantes."
    ),
    "community-violence": (
        "La violencia en el barrio rompe la confianza y las redes de apoyo. Los jóvenes "
        "pueden sentirse atrapados y sin futuro, y las pandillas pueden aprovecharse de eso."
    ),
    "lack-of-education": (
        "Cuando la escuela no da a un joven el apoyo que necesita, puede quedarse atrás o "
        "dejar de estudiar, y tener menos opciones y más riesgo."
    ),
    "social-isolation": (
        "Un joven solo, sin amigos ni familia que lo cuiden, busca sentirse parte de algo. "
        "Los tratantes lo notan y lo manipulan, en persona o por redes sociales."
    ),
    "economic-empowerment": (
        "Ayudar a los jóvenes a cubrir lo básico es clave para protegerlos: trabajo, estudios, "
        "beneficios y, primero que nada, un lugar seguro donde vivir."
    ),
    "trauma-responsive-systems": (
        "Las personas que trabajan con jóvenes (trabajadores sociales, abogados, jueces, "
        "familias de acogida) necesitan aprender sobre el trauma para ayudarles a sanar."
    ),
    "diversion-programs": (
        "Los programas alternativos ayudan a los jóvenes a recuperarse sin pasar por la "
        "justicia juvenil ni la detención, con equipos que respetan su cultura."
    ),
    "communities-of-support": (
        "La comunidad ofrece consejería, grupos de apoyo para familias y servicios de salud. "
        "Ayudan a los jóvenes a sanar y a tener relaciones sanas."
    ),
    "survivor-mentors": (
        "Los mentores que sobrevivieron a la trata muestran a los jóvenes que sí se puede "
        "salir adelante. Su voz y su liderazgo hacen mejores los servicios."
    ),
    "future-orientation": (
        "Ayudar a cada joven a imaginar y planear su futuro le da fuerza para salir de la "
        "trata: aprender, liderar y hacer sus propios planes."
    ),
    "legal-services": (
        "Los jóvenes sobrevivientes necesitan ayuda legal, como sellar o borrar antecedentes "
        "y conseguir visas, para que los traten como víctimas de un delito y no como "
        "delincuentes."
    ),
}
