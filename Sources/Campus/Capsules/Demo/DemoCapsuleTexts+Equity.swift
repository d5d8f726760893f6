/// Demo capsules on gender mainstreaming and urban resilience.
extension DemoCapsules {
    static let gender = Content(
        slug: "capsula-transversalidad-genero-gestion-municipal", hours: 3,
        lessons: [
            Lesson(
                title: "Qué es la transversalidad de género",
                body: """
                    La **transversalidad de género** es incorporar la pregunta por la igualdad entre mujeres y hombres en todas las decisiones de la gestión municipal, no solo en las de la oficina de la mujer o de igualdad. Parte de una constatación simple: las políticas que parecen neutras afectan de manera distinta a mujeres y hombres, porque sus vidas cotidianas, sus ingresos y sus responsabilidades de cuidado son distintos.

                    Un ejemplo clásico es el transporte. Los recorridos de muchas mujeres encadenan varios destinos (escuela, trabajo, centro de salud, compras) fuera de las horas punta. Una red pensada solo para viajes radiales de casa al centro en hora punta les sirve peor.

                    # Tres preguntas para cualquier área

                    - ¿A quién beneficia esta política y a quién deja fuera?
                    - ¿Tenemos datos desagregados por sexo para saberlo?
                    - ¿Participaron mujeres, y en particular las más afectadas, en su diseño?

                    La oficina de igualdad sigue siendo necesaria: impulsa, acompaña y forma. Pero la igualdad no puede depender de una sola oficina con un presupuesto pequeño.
                    """,
                video: "https://video.red-ciudades.example/genero/transversalidad",
                readings: [("ONU Mujeres: ciudades seguras y espacios públicos", "https://www.unwomen.org/es/what-we-do/ending-violence-against-women/creating-safe-public-spaces")]),
            Lesson(
                title: "Presupuestos y contratación con perspectiva de género",
                body: """
                    # Presupuestos con perspectiva de género

                    No se trata de un presupuesto aparte para las mujeres, sino de analizar el presupuesto completo: cuánto se destina a programas que reducen desigualdades, a quién llegan los servicios y qué efecto tienen los recortes. Muchas ciudades empiezan por etiquetar los programas según su contribución a la igualdad y por publicar un informe anual junto al presupuesto.

                    # Contratación pública

                    El municipio compra obras, bienes y servicios por montos enormes. Los pliegos pueden incluir:

                    - **criterios de adjudicación** que valoren planes de igualdad en las empresas o medidas de conciliación;
                    - **condiciones de ejecución**, como el uso de lenguaje no sexista en la comunicación del servicio o la recogida de datos desagregados por sexo de las personas usuarias;
                    - **cláusulas** que prevengan el acoso sexual en las obras y servicios contratados.

                    Estas cláusulas deben ser proporcionadas, vinculadas al objeto del contrato y verificables: una cláusula que nadie controla solo agrega papel.
                    """),
            Lesson(
                title: "Datos desagregados y comunicación",
                body: """
                    Sin datos desagregados por sexo, la desigualdad es invisible. Todo registro municipal que cuente personas (usuarias de servicios, beneficiarias de programas, personal del municipio, participantes en consultas) debería poder separarse por sexo y, cuando sea pertinente, por edad y otras condiciones.

                    # Qué mirar primero

                    1. Quién usa cada servicio municipal y en qué horarios.
                    2. La composición del propio personal municipal por nivel de responsabilidad.
                    3. La participación en consultas y presupuestos participativos.

                    # Comunicación

                    La comunicación institucional también transmite valores. Usar un lenguaje que nombre a mujeres y hombres, cuidar que las imágenes no repitan estereotipos (ellas cuidando, ellos decidiendo) y elegir voceras y voceros de forma equilibrada son decisiones de bajo costo y alto impacto simbólico.

                    Una **guía de preguntas** breve, aplicada a cada programa o pliego antes de aprobarlo, es una herramienta sencilla para que todas las áreas empiecen.
                    """,
                readings: [("CEPAL: Observatorio de Igualdad de Género", "https://oig.cepal.org/es")]),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Repase el sentido de la transversalidad, los presupuestos y la contratación con perspectiva de género, y el papel de los datos desagregados.

                    Algunas preguntas tienen varias respuestas correctas: solo cuentan como bien si elige exactamente esas. Cada intento sortea cinco preguntas; se aprueba con el 60 %.
                    """),
        ],
        quiz: Quiz(passing: 60, attempts: 4, draw: 5, review: .feedback, questions: [
            q("¿Qué significa transversalizar el género en la gestión municipal?", [
                right("Incorporar la pregunta por la igualdad en las decisiones de todas las áreas", "No depende de una sola oficina."),
                wrong("Crear una oficina de la mujer", "Es necesaria, pero no basta."),
                wrong("Aplicar políticas neutras iguales para todos", "Lo neutro puede afectar de forma distinta a mujeres y hombres."),
            ]),
            q("¿Por qué una red de transporte radial en hora punta puede servir peor a muchas mujeres?", [
                right("Porque sus recorridos encadenan varios destinos fuera de la hora punta", "Sus viajes de cuidado son distintos."),
                wrong("Porque las mujeres no usan el transporte público", "Lo usan, a menudo más que los hombres."),
                wrong("Porque los buses son caros", "El precio importa, pero no es la razón del ejemplo."),
            ]),
            q("¿Qué pueden incluir los pliegos de contratación con perspectiva de género?", multiple: true, [
                right("Criterios que valoren planes de igualdad en las empresas", "Son criterios de adjudicación."),
                right("Recogida de datos desagregados por sexo de las personas usuarias", "Es una condición de ejecución."),
                right("Cláusulas para prevenir el acoso sexual en la obra o el servicio", "Protegen a trabajadoras y usuarias."),
                wrong("Excluir a las empresas dirigidas por hombres", "Sería discriminatorio y no está vinculado al objeto del contrato."),
            ]),
            q("¿Qué debe cumplir una cláusula de género en un contrato?", [
                right("Ser proporcionada, vinculada al objeto del contrato y verificable", "Si nadie la controla, solo agrega papel."),
                wrong("Ser lo más exigente posible", "La proporcionalidad importa."),
                wrong("Aplicarse solo a contratos de servicios sociales", "Puede aplicarse a obras y otros servicios."),
            ]),
            q("¿Qué es un presupuesto con perspectiva de género?", [
                wrong("Un presupuesto aparte para programas de mujeres", "No es un presupuesto separado."),
                right("El análisis del presupuesto completo según su efecto en la igualdad", "Mira a quién llegan los recursos."),
                wrong("Repartir el presupuesto a partes iguales entre mujeres y hombres", "No se trata de dividirlo por la mitad."),
            ]),
            q("¿Qué datos conviene desagregar por sexo primero?", multiple: true, [
                right("Quién usa cada servicio y en qué horarios", "Muestra necesidades distintas."),
                right("El personal municipal por nivel de responsabilidad", "Muestra brechas dentro del propio municipio."),
                right("La participación en consultas", "Muestra quién tiene voz."),
                wrong("La superficie de los parques", "No cuenta personas."),
            ]),
            q("¿Qué transmite la comunicación institucional?", [
                right("Valores: el lenguaje y las imágenes pueden repetir o romper estereotipos", "Son decisiones de bajo costo y alto impacto."),
                wrong("Solo información técnica", "También comunica quién cuenta."),
                wrong("Nada relevante para la igualdad", "Tiene un fuerte efecto simbólico."),
            ]),
            q("¿Qué herramienta sencilla ayuda a que todas las áreas empiecen?", [
                right("Una guía breve de preguntas aplicada a cada programa o pliego", "Se usa antes de aprobarlo."),
                wrong("Un manual de doscientas páginas", "Pocos lo leerían."),
                wrong("Una campaña de redes sociales", "Comunica, pero no cambia los procesos."),
            ]),
        ]))

    static let resilience = Content(
        slug: "capsula-resiliencia-urbana", hours: 2,
        lessons: [
            Lesson(
                title: "Qué es una ciudad resiliente",
                body: """
                    Una ciudad **resiliente** es la que puede anticipar, resistir, recuperarse y adaptarse ante impactos agudos (una inundación, un terremoto, una pandemia) y ante tensiones crónicas que la debilitan día a día (la pobreza, la falta de agua, la informalidad, la violencia).

                    La resiliencia no es solo gestión de emergencias. Una ciudad que responde bien el día de la inundación pero vuelve a construir en la misma zona inundable no es resiliente: repite el riesgo.

                    # Cuatro capacidades

                    - **Anticipar**: conocer las amenazas y sus escenarios.
                    - **Resistir**: infraestructura y servicios que sigan funcionando.
                    - **Recuperarse**: volver a funcionar rápido, con planes y recursos previstos.
                    - **Adaptarse**: aprender y reconstruir mejor, reduciendo el riesgo futuro.

                    Las tensiones crónicas importan tanto como los impactos: una población con ingresos precarios y sin ahorro sufre más cualquier desastre y tarda más en recuperarse.
                    """,
                video: "https://video.red-ciudades.example/resiliencia/que-es",
                readings: [("Oficina de las Naciones Unidas para la Reducción del Riesgo de Desastres (UNDRR)", "https://www.undrr.org/")]),
            Lesson(
                title: "Amenazas, vulnerabilidades y capacidades",
                body: """
                    El riesgo no es la amenaza sola. Se suele expresar como la combinación de **amenaza** (lo que puede pasar), **exposición** (quiénes y qué están en su camino), **vulnerabilidad** (qué tan frágiles son) y **capacidades** (qué tienen para responder).

                    Dos barrios expuestos a la misma lluvia intensa pueden tener riesgos muy distintos: uno con viviendas precarias en la ladera y sin drenaje, otro con buena infraestructura y un plan de alerta.

                    # Un ejercicio guiado

                    1. Liste las tres amenazas principales de su ciudad (por ejemplo, inundaciones, deslizamientos, olas de calor).
                    2. Para cada una, marque en un mapa las zonas expuestas.
                    3. Anote qué grupos son más vulnerables en esas zonas (personas mayores, asentamientos informales, escuelas, hospitales).
                    4. Escriba qué capacidades existen hoy: sistemas de alerta, brigadas, refugios, seguros.

                    El resultado no es un estudio técnico completo, pero sí una primera priorización que orienta dónde invertir.
                    """),
            Lesson(
                title: "Empezar con los datos que ya tiene",
                body: """
                    Muchos municipios creen que necesitan un gran estudio antes de empezar. En realidad, ya tienen buena parte de la información:

                    - el **registro de emergencias** de bomberos y defensa civil, con años de eventos;
                    - el **catastro** y los permisos de construcción;
                    - los **datos sociales** de los programas municipales;
                    - los mapas de amenazas de organismos nacionales o universidades.

                    Cruzar esos datos ya muestra patrones: qué barrios se inundan cada año, qué escuelas quedan aisladas, dónde se concentran las personas más vulnerables.

                    # De los datos al plan

                    Un plan de resiliencia útil prioriza pocas acciones con varios beneficios a la vez. Las **soluciones basadas en la naturaleza** son un buen ejemplo: un parque inundable reduce inundaciones, refresca el barrio en olas de calor y ofrece espacio público. Conviene además que cada nueva inversión municipal pase un filtro simple: ¿aumenta o reduce el riesgo?
                    """,
                readings: [("Herramienta de autoevaluación de resiliencia para gobiernos locales (UNDRR)", "https://mcr2030.undrr.org/")]),
            Lesson(
                title: "Autoevaluación final",
                body: """
                    Repase las cuatro capacidades de una ciudad resiliente, cómo se compone el riesgo y qué datos ya tiene el municipio.

                    Cada intento sortea cuatro preguntas; se aprueba con el 75 %. Este cuestionario solo muestra la nota de los intentos no aprobados: repase bien antes de volver a intentarlo.
                    """),
        ],
        quiz: Quiz(passing: 75, attempts: 3, draw: 4, review: .score, questions: [
            q("¿Qué distingue a una ciudad resiliente?", [
                right("Puede anticipar, resistir, recuperarse y adaptarse ante impactos y tensiones", "Las cuatro capacidades juntas."),
                wrong("Tiene un buen servicio de bomberos", "Es importante, pero es solo una parte."),
                wrong("No sufre desastres", "Ninguna ciudad está libre de impactos."),
            ]),
            q("¿Por qué reconstruir en la misma zona inundable no es resiliente?", [
                right("Porque repite el riesgo en lugar de reducirlo", "Adaptarse es reconstruir mejor."),
                wrong("Porque es más caro", "El problema principal es el riesgo."),
                wrong("Porque está prohibido en todas partes", "No siempre lo está, y ese es el problema."),
            ]),
            q("¿Qué combina el riesgo, además de la amenaza?", multiple: true, [
                right("La exposición", "Quiénes y qué están en el camino de la amenaza."),
                right("La vulnerabilidad", "Qué tan frágiles son."),
                right("Las capacidades", "Qué tienen para responder."),
                wrong("El color del mapa", "Es solo la forma de representarlo."),
            ]),
            q("¿Qué es una tensión crónica?", [
                right("Un problema que debilita a la ciudad día a día, como la pobreza o la falta de agua", "Agrava cualquier impacto."),
                wrong("Un terremoto", "Es un impacto agudo."),
                wrong("Una inundación excepcional", "También es un impacto agudo."),
            ]),
            q("¿Qué dato suele tener ya el municipio para empezar?", [
                right("El registro de emergencias de bomberos y defensa civil", "Muestra años de eventos."),
                wrong("Un estudio probabilístico completo de todas las amenazas", "Pocas ciudades lo tienen al empezar."),
                wrong("Las imágenes de satélite diarias", "Pueden ayudar, pero no son lo primero."),
            ]),
            q("¿Por qué un parque inundable es un buen ejemplo de solución basada en la naturaleza?", [
                right("Porque reduce inundaciones, refresca el barrio y ofrece espacio público a la vez", "Tiene varios beneficios."),
                wrong("Porque es la obra más barata posible", "No siempre lo es."),
                wrong("Porque elimina todas las inundaciones", "Reduce el riesgo, no lo elimina."),
            ]),
            q("¿Qué filtro conviene aplicar a cada nueva inversión municipal?", [
                right("¿Aumenta o reduce el riesgo?", "Evita crear nuevos riesgos."),
                wrong("¿Es visible antes de las elecciones?", "No es un criterio de resiliencia."),
                wrong("¿La financia otro nivel de gobierno?", "Importa para el presupuesto, no para el riesgo."),
            ]),
        ]))
}
